import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { isAdmin, Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { TransactionRunner } from '../database/transaction-runner';
import { defaultAppSettings, defaultBillingSettings, mergeAppSettings, mergeBillingSettings } from '../settings/settings-merge';
import { SettingsService } from '../settings/settings.service';
import { AccountInfo } from './dto/account-info.dto';
import { NewAccountDto } from './dto/new-account.dto';
import { Account } from './entities/account.entity';

@Injectable()
export class AccountsService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
    private readonly settings: SettingsService,
  ) {}

  /** Accounts outside the caller's scope are "not found". */
  async requireVisible(p: Principal, id: string | null | undefined, m: EntityManager = this.db.manager): Promise<Account> {
    if (typeof id !== 'string' || id === '' || (!isAdmin(p) && !p.accountIds.includes(id))) throw ApiError.notFound('Account');
    const account = await m.findOneBy(Account, { id });
    if (!account) throw ApiError.notFound('Account');
    return account;
  }

  async create(p: Principal, dto: NewAccountDto): Promise<AccountInfo> {
    const now = new Date();
    const account: Account = {
      id: randomUUID(),
      name: dto.name.trim(),
      dateCreated: now,
      dateLastModified: now,
      createdBy: p.userId,
      lastModifiedBy: p.userId,
    };
    if (!account.name) throw ApiError.field('name', 'NotEmpty', "'Name' must not be empty.");
    await this.tx.run(async (m) => {
      await m.insert(Account, account);
      if (dto.billingSettings)
        await this.settings.writeBilling(m, { accountId: account.id }, mergeBillingSettings(defaultBillingSettings(), dto.billingSettings));
      if (dto.appSettings)
        await this.settings.writeApp(m, { accountId: account.id }, mergeAppSettings(defaultAppSettings(), dto.appSettings));
    });
    return (await this.toInfos([account]))[0];
  }

  async list(p: Principal): Promise<AccountInfo[]> {
    if (!isAdmin(p) && !p.accountIds.length) return [];
    const accounts = await this.db.manager.find(Account, {
      where: isAdmin(p) ? {} : { id: In(p.accountIds) },
      order: { name: 'ASC', id: 'ASC' },
    });
    return this.toInfos(accounts);
  }

  async get(p: Principal, id: string): Promise<AccountInfo> {
    return (await this.toInfos([await this.requireVisible(p, id)]))[0];
  }

  private async toInfos(accounts: Account[]): Promise<AccountInfo[]> {
    const ids = accounts.map((a) => a.id);
    const [billing, app] = await Promise.all([this.settings.accountBilling(ids), this.settings.accountApp(ids)]);
    return accounts.map((a) => ({
      name: a.name,
      billingSettings: billing.get(a.id)!,
      appSettings: app.get(a.id)!,
      id: a.id,
      dateCreated: a.dateCreated.toISOString(),
      dateLastModified: a.dateLastModified.toISOString(),
      createdBy: a.createdBy,
      lastModifiedBy: a.lastModifiedBy,
    }));
  }
}
