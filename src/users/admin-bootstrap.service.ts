import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Role } from '../common/auth/role.enum';
import { bootstrapConfig, BootstrapConfig } from '../config/bootstrap.config';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';
import { ApiError } from '../common/errors/api-error';

export const GENERATED_ADMIN_EMAIL = 'admin@localhost';

/** Makes sure someone can log in to a fresh installation (contract §5). */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');
  /** The generated password, printed by main.ts as the last start-up line, set apart. */
  announcement?: string;

  constructor(
    @Inject(bootstrapConfig.KEY) private readonly cfg: BootstrapConfig,
    private readonly userRows: UserRepository,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.cfg.adminEmail && this.cfg.adminPassword) {
      if (await this.users.findByEmail(this.cfg.adminEmail)) return;
      if (!(await this.createAdmin(this.cfg.adminEmail, this.cfg.adminPassword))) return;
      this.logger.log(`Created SystemAdministrator ${this.cfg.adminEmail} from ADMIN_EMAIL.`);
      return;
    }
    if (await this.userRows.any()) return;
    const password = randomBytes(18).toString('base64url');
    if (!(await this.createAdmin(GENERATED_ADMIN_EMAIL, password))) return;
    this.announcement =
      `\n  No users yet: created SystemAdministrator ${GENERATED_ADMIN_EMAIL} with password\n\n      ${password}\n\n` +
      `  It is not shown again. Lost it? npm run admin -- reset-password ${GENERATED_ADMIN_EMAIL}\n\n`;
  }

  /**
   * False when another instance starting beside this one created the same administrator first (its
   * insert won on the unique email): this one has nothing to create or announce.
   */
  private async createAdmin(email: string, password: string): Promise<boolean> {
    try {
      await this.users.insert(null, {
        email,
        password,
        firstName: 'System',
        lastName: 'Administrator',
        roles: [Role.SystemAdministrator],
        customerId: null,
        accountIds: [],
      });
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.getStatus() === 409 && (await this.users.findByEmail(email))) return false;
      throw err;
    }
  }
}
