import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { isAdmin, Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ApiError } from '../common/errors/api-error';
import { CustomerScopeService } from '../customers/customer-scope.service';
import { blankToNull } from '../common/validation/blank';
import { isUniqueViolation, toDate } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { NewUserDto } from './dto/new-user.dto';
import { UserInfo } from './dto/user-info.dto';
import { User } from './entities/user.entity';
import { hashPassword } from './password-hasher';
import { UserRepository } from './user.repository';

export interface UserDraft {
  email: string;
  password: string;
  firstName: string | null;
  lastName: string | null;
  roles: Role[];
  customerId: string | null;
  accountIds: string[];
}

@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UserRepository,
    private readonly tx: TransactionRunner,
    private readonly accounts: AccountsService,
    private readonly customers: CustomerScopeService,
  ) {}

  async infoOf(id: string): Promise<UserInfo | null> {
    const user = await this.repo.findById(id);
    return user ? (await this.toInfos([user]))[0] : null;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repo.findByEmail(email.trim().toLowerCase());
  }

  async create(p: Principal, dto: NewUserDto): Promise<UserInfo> {
    const customerId = blankToNull(dto.customerId);
    const roles = [...new Set(dto.roles?.length ? dto.roles : [customerId ? Role.Customer : Role.Manager])];
    if (roles.includes(Role.SystemAdministrator) && !isAdmin(p))
      throw ApiError.forbidden('Only a SystemAdministrator can create a SystemAdministrator.');
    let accountIds: string[] = [];
    if (customerId) {
      if (roles.some((r) => r !== Role.Customer)) {
        throw ApiError.field('roles', 'InvalidRole', '\'Roles\' must be ["Customer"] for a user bound to a customer.');
      }
      const customer = await this.customers.requireVisible(p, customerId);
      const accountId = blankToNull(dto.accountId);
      if (accountId && accountId !== customer.accountId) {
        throw ApiError.field('accountId', 'InvalidAccount', "'Account Id' must be the account of the user's customer.");
      }
    } else {
      if (roles.includes(Role.Customer))
        throw ApiError.field('customerId', 'NotEmpty', "'Customer Id' must not be empty for a Customer user.");
      const accountId = blankToNull(dto.accountId) ?? (p.accountIds.length === 1 && !isAdmin(p) ? p.accountIds[0] : null);
      if (accountId) accountIds = [(await this.accounts.requireVisible(p, accountId)).id];
      else if (!roles.includes(Role.SystemAdministrator))
        throw ApiError.field('accountId', 'NotEmpty', "'Account Id' must not be empty for a Manager.");
    }
    const draft = {
      email: dto.emailAddress,
      password: dto.password,
      firstName: dto.firstName?.trim() || null,
      lastName: dto.lastName?.trim() || null,
      roles,
      customerId,
      accountIds,
    };
    // The answer is read inside the transaction: what the client is told is what committed.
    return this.insert(p.userId, draft, async (user) => (await this.toInfos([user]))[0]);
  }

  /** Inserts a user; a taken email (in any case) is a 409. `answer` runs in the same transaction. */
  async insert<T = User>(actorId: string | null, draft: UserDraft, answer?: (user: User) => Promise<T>): Promise<T> {
    const now = new Date();
    const user: User = {
      id: randomUUID(),
      email: draft.email.trim().toLowerCase(),
      firstName: draft.firstName,
      lastName: draft.lastName,
      passwordHash: await hashPassword(draft.password),
      roles: draft.roles,
      customerId: draft.customerId,
      dateCreated: now,
      dateLastModified: now,
      createdBy: actorId,
      lastModifiedBy: actorId,
    };
    try {
      return await this.tx.run(async () => {
        await this.repo.insert(user, draft.accountIds);
        return answer ? answer(user) : (user as T);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw ApiError.conflict(`A user with email '${user.email}' already exists.`, 'emailAddress');
      throw err;
    }
  }

  async toInfos(users: User[]): Promise<UserInfo[]> {
    if (!users.length) return [];
    const customerIds = users.map((u) => u.customerId).filter((id): id is string => !!id);
    const {
      links,
      customerAccounts,
      sessions: live,
    } = await this.repo.links(
      users.map((u) => u.id),
      customerIds,
    );
    const now = Date.now();
    const liveIds = new Set(live.filter((r) => toDate(r.expires_at).getTime() > now).map((r) => r.user_id));
    return users.map((u) => {
      const accounts = u.customerId
        ? customerAccounts.filter((r) => r.customer_id === u.customerId)
        : links.filter((r) => r.user_id === u.id);
      return {
        id: u.id,
        isAuthenticated: liveIds.has(u.id),
        firstName: u.firstName,
        lastName: u.lastName,
        emailAddress: u.email,
        roles: u.roles,
        accountIds: accounts.map((a) => a.id),
        accountNames: accounts.map((a) => a.name),
        customerId: u.customerId,
      };
    });
  }
}
