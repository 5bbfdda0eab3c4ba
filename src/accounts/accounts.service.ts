import { canSeeAccount, listableAccounts } from '../common/auth/access-policy';
import { CacheInvalidation } from '../common/cache/cache-invalidation.service';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { pageInMemory } from '../common/paging/in-memory-pager';
import { ListResponse } from '../common/paging/list-request.dto';
import { appConfig, AppConfig } from '../config/app.config';
import { toValidSchedule } from '../schedules/schedule-validation';
import { EMPTY_SCHEDULE } from '../schedules/schedule.types';
import { ScheduleRepository } from '../schedules/schedule.repository';
import { ListAccountsDto, PatchAccountDto } from './dto/patch-account.dto';
import { Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { TransactionRunner } from '../database/transaction-runner';
import { defaultAppSettings, defaultBillingSettings, mergeAppSettings, mergeBillingSettings } from '../settings/settings-merge';
import { SettingsRepository } from '../settings/settings.repository';
import { AccountInfo } from './dto/account-info.dto';
import { NewAccountDto } from './dto/new-account.dto';
import { Account } from './entities/account.entity';
import { AccountRepository } from './account.repository';
import { requiredText } from '../common/validation/blank';

@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly tx: TransactionRunner,
    private readonly settings: SettingsRepository,
    private readonly schedules: ScheduleRepository,
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
    private readonly principals: CacheInvalidation,
  ) {}

  /** Accounts outside the caller's scope are "not found". */
  async requireVisible(p: Principal, id: string | null | undefined): Promise<Account> {
    if (typeof id !== 'string' || id === '' || !canSeeAccount(p, id)) throw ApiError.notFound('Account');
    const account = await this.accounts.findById(id);
    if (!account) throw ApiError.notFound('Account');
    return account;
  }

  async create(p: Principal, dto: NewAccountDto): Promise<AccountInfo> {
    const now = new Date();
    const account: Account = {
      id: randomUUID(),
      name: requiredText(dto.name),
      dateCreated: now,
      dateLastModified: now,
      createdBy: p.userId,
      lastModifiedBy: p.userId,
    };
    return this.tx.run(async () => {
      await this.accounts.insert(account);
      if (dto.billingSettings)
        await this.settings.writeBilling({ accountId: account.id }, mergeBillingSettings(defaultBillingSettings(), dto.billingSettings));
      if (dto.appSettings) await this.settings.writeApp({ accountId: account.id }, mergeAppSettings(defaultAppSettings(), dto.appSettings));
      return (await this.toInfos([account]))[0];
    });
  }

  async list(p: Principal, req: ListAccountsDto): Promise<ListResponse<AccountInfo>> {
    const visible = listableAccounts(p, undefined);
    const accounts = visible && !visible.length ? [] : await this.accounts.list(visible ?? null);
    const page = pageInMemory(accounts, req, ['name', 'id', 'dateCreated', 'dateLastModified'], this.cfg.listHardLimit);
    return { ...page, items: await this.toInfos(page.items) };
  }

  async patch(p: Principal, id: string, dto: PatchAccountDto): Promise<AccountInfo> {
    const account = await this.requireVisible(p, id);
    const changes: Partial<Account> = { dateLastModified: new Date(), lastModifiedBy: p.userId };
    if (dto.name !== undefined) changes.name = requiredText(dto.name);
    const schedule = dto.schedule ? toValidSchedule(dto.schedule, 'schedule') : dto.schedule;
    const [billing, app] = await Promise.all([this.settings.accountBilling([id]), this.settings.accountApp([id])]);
    return this.tx.run(async () => {
      await this.accounts.update(id, changes);
      if (dto.billingSettings)
        await this.settings.writeBilling({ accountId: id }, mergeBillingSettings(billing.get(id)!, dto.billingSettings));
      if (dto.appSettings) await this.settings.writeApp({ accountId: id }, mergeAppSettings(app.get(id)!, dto.appSettings));
      if (schedule === null) await this.schedules.remove({ accountId: id });
      else if (schedule) await this.schedules.write({ accountId: id }, schedule);
      return (await this.toInfos([{ ...account, ...changes }]))[0];
    });
  }

  /** Only an account without customers can go; its tags, settings and user links go with it. */
  async delete(p: Principal, id: string): Promise<void> {
    await this.requireVisible(p, id);
    await this.tx.run(async () => {
      const customers = await this.accounts.customerCount(id);
      if (customers > 0) throw ApiError.conflict(`The account still has ${customers} customer(s): delete them first.`);
      await this.accounts.delete(id);
    });
    // Managers linked to it lose it from their accounts.
    await this.principals.changed({ kind: 'all' });
  }

  async get(p: Principal, id: string): Promise<AccountInfo> {
    return (await this.toInfos([await this.requireVisible(p, id)]))[0];
  }

  private async toInfos(accounts: Account[]): Promise<AccountInfo[]> {
    const ids = accounts.map((a) => a.id);
    const [billing, app, schedules] = await Promise.all([
      this.settings.accountBilling(ids),
      this.settings.accountApp(ids),
      this.schedules.forAccounts(ids),
    ]);
    return accounts.map((a) => ({
      name: a.name,
      billingSettings: billing.get(a.id)!,
      appSettings: app.get(a.id)!,
      schedule: (schedules.get(a.id) ?? EMPTY_SCHEDULE()) as AccountInfo['schedule'],
      id: a.id,
      dateCreated: a.dateCreated.toISOString(),
      dateLastModified: a.dateLastModified.toISOString(),
      createdBy: a.createdBy,
      lastModifiedBy: a.lastModifiedBy,
    }));
  }
}
