import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../common/auth/role.enum';
import { bootstrapConfig, BootstrapConfig } from '../config/bootstrap.config';
import { User } from './entities/user.entity';
import { UsersService } from './users.service';

export const GENERATED_ADMIN_EMAIL = 'admin@localhost';

/** Makes sure someone can log in to a fresh installation (contract §5). */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(bootstrapConfig.KEY) private readonly cfg: BootstrapConfig,
    private readonly db: DataSource,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.cfg.adminEmail && this.cfg.adminPassword) {
      if (await this.users.findByEmail(this.cfg.adminEmail)) return;
      await this.createAdmin(this.cfg.adminEmail, this.cfg.adminPassword);
      this.logger.log(`Created SystemAdministrator ${this.cfg.adminEmail} from ADMIN_EMAIL.`);
      return;
    }
    if ((await this.db.manager.count(User)) > 0) return;
    const password = randomBytes(18).toString('base64url');
    await this.createAdmin(GENERATED_ADMIN_EMAIL, password);
    // Printed once, straight to stdout, so it is not filtered with the log level.
    process.stdout.write(
      `\n  No users yet: created SystemAdministrator ${GENERATED_ADMIN_EMAIL} with password ${password}\n  It is not shown again.\n\n`,
    );
  }

  private async createAdmin(email: string, password: string): Promise<void> {
    await this.users.insert(null, {
      email,
      password,
      firstName: 'System',
      lastName: 'Administrator',
      roles: [Role.SystemAdministrator],
      customerId: null,
      accountIds: [],
    });
  }
}
