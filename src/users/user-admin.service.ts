import { Inject, Injectable } from '@nestjs/common';
import { CacheInvalidation } from '../common/cache/cache-invalidation.service';
import { isAdmin, Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ApiError } from '../common/errors/api-error';
import { pageInMemory } from '../common/paging/in-memory-pager';
import { ListRequestDto, ListResponse } from '../common/paging/list-request.dto';
import { appConfig, AppConfig } from '../config/app.config';
import { isUniqueViolation } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { PatchUserDto } from './dto/patch-user.dto';
import { UserInfo } from './dto/user-info.dto';
import { User } from './entities/user.entity';
import { hashPassword } from './password-hasher';
import { UsersService } from './users.service';
import { UserRepository } from './user.repository';

const SORTABLE = ['emailAddress', 'firstName', 'lastName', 'id'] as const;

/** Listing, changing and deleting users, within the caller's accounts. */
@Injectable()
export class UserAdminService {
  constructor(
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
    private readonly repo: UserRepository,
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly principals: CacheInvalidation,
  ) {}

  async list(p: Principal, req: ListRequestDto): Promise<ListResponse<UserInfo>> {
    const infos = await this.users.toInfos(await this.visibleUsers(p));
    return pageInMemory(infos, req, SORTABLE, this.cfg.listHardLimit);
  }

  async get(p: Principal, id: string): Promise<UserInfo> {
    return (await this.users.toInfos([await this.requireVisible(p, id)]))[0];
  }

  async patch(p: Principal, id: string, dto: PatchUserDto): Promise<UserInfo> {
    const user = await this.requireManageable(p, id);
    // Roles sent back as they were (a read-then-write client) are no change.
    const sameRoles = dto.roles && new Set(dto.roles).size === user.roles.length && dto.roles.every((r) => user.roles.includes(r));
    if (dto.roles && !sameRoles && !isAdmin(p)) throw ApiError.forbidden('Only a SystemAdministrator can change roles.');
    if (dto.roles) {
      const customerBound = user.customerId !== null;
      if (customerBound !== dto.roles.every((r) => r === Role.Customer)) {
        throw ApiError.field('roles', 'InvalidRole', '\'Roles\' must be ["Customer"] exactly when the user is bound to a customer.');
      }
      user.roles = [...new Set(dto.roles)];
    }
    if (dto.firstName !== undefined) user.firstName = dto.firstName.trim() || null;
    if (dto.lastName !== undefined) user.lastName = dto.lastName.trim() || null;
    if (dto.emailAddress !== undefined) user.email = dto.emailAddress.trim().toLowerCase();
    if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
    user.dateLastModified = new Date();
    user.lastModifiedBy = p.userId;
    try {
      const info = await this.tx.run(async () => {
        const { id: userId, dateCreated: _created, createdBy: _creator, ...changes } = user;
        await this.repo.update(userId, changes);
        // A new password or new roles end the user's other sessions.
        if (dto.password !== undefined || (dto.roles && !sameRoles)) await this.repo.endSessions(user.id);
        return (await this.users.toInfos([user]))[0];
      });
      await this.principals.changed({ kind: 'user', id: user.id });
      return info;
    } catch (err) {
      if (isUniqueViolation(err)) throw ApiError.conflict(`A user with email '${user.email}' already exists.`, 'emailAddress');
      throw err;
    }
  }

  /** Sessions, account links go with the user (ON DELETE CASCADE). */
  async delete(p: Principal, id: string): Promise<void> {
    const user = await this.requireManageable(p, id);
    if (user.id === p.userId) throw ApiError.field('userId', 'NotAllowed', 'You cannot delete yourself.');
    await this.tx.run(() => this.repo.delete(user.id));
    await this.principals.changed({ kind: 'user', id: user.id });
  }

  private async requireVisible(p: Principal, id: string): Promise<User> {
    const user = await this.repo.findById(id);
    if (!user || !(isAdmin(p) || (await this.visibleIds(p, [user.id])).length)) throw ApiError.notFound('User');
    return user;
  }

  /** Managers cannot touch administrators, even ones that share their account. */
  private async requireManageable(p: Principal, id: string): Promise<User> {
    const user = await this.requireVisible(p, id);
    if (!isAdmin(p) && user.roles.includes(Role.SystemAdministrator))
      throw ApiError.forbidden('Only a SystemAdministrator can change a SystemAdministrator.');
    return user;
  }

  private async visibleUsers(p: Principal): Promise<User[]> {
    return this.repo.list(isAdmin(p) ? null : await this.visibleIds(p));
  }

  /** Users linked to the caller's accounts, and Customer users whose customer is in them. */
  private visibleIds(p: Principal, only?: string[]): Promise<string[]> {
    return this.repo.idsInAccounts(p.accountIds, only);
  }
}
