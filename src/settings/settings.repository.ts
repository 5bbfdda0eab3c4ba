import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { Queryable } from '../database/query-batch';
import { fixedOrderJoin, sqlIn } from '../database/sql';
import { AppSettingsRow } from '../settings/entities/app-settings.entity';
import { BillingItemRow } from '../settings/entities/billing-item.entity';
import { defaultAppSettings, defaultBillingSettings } from './settings-merge';
import { APP_SETTING_FLAGS, APP_SETTING_TEXTS, AppSettings, BILLING_ITEMS, BillingItemName, BillingSettings } from './settings.types';

export type SettingsOwner = { accountId: string; customerId?: undefined } | { customerId: string; accountId?: undefined };

interface BillingRow {
  owner_id: string;
  depth?: number;
  item: string;
  base_cost: number;
  raw_unit_multiplier: number;
  unit_cost: number;
  allowance: number;
}

type AppRow = Record<string, unknown> & { owner_id: string; depth?: number };

const APP_COLUMNS = `s.enable_phone_number_management, s.enable_device_management, s.enable_dialer, s.enable_call_history,
  s.enable_assistants, s.show_file_name_in_message_center, s.chakra_theme, s.custom_css, s.page_title, s.string_mappings,
  s.logout_url, s.port_my_number_url`;

const BILLING_COLUMNS = 's.item, s.base_cost, s.raw_unit_multiplier, s.unit_cost, s.allowance';

/** Sorts an account's defaults after every ancestor: no tree is this deep. */
const ACCOUNT_DEPTH = 1_000_000;

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Billing and app settings in force for customers: the nearest ancestor-or-self that overrides,
 * else the account's defaults. Each lookup is one query whatever the number of customers.
 */
@Injectable()
export class SettingsRepository {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async effectiveBilling(customerIds: string[], m: Queryable = this.tx.manager): Promise<Map<string, BillingSettings>> {
    const nearest = nearestRows(
      await this.rowsInForce<BillingRow>(m, 'billing_items', 'override_billing_settings', BILLING_COLUMNS, customerIds),
    );
    return new Map(customerIds.map((id) => [id, toBilling(nearest.get(id) ?? [])]));
  }

  async accountBilling(accountIds: string[]): Promise<Map<string, BillingSettings>> {
    const m = this.tx.manager;
    const rows: BillingRow[] = accountIds.length
      ? await m.query(
          `SELECT s.account_id AS owner_id, s.item, s.base_cost, s.raw_unit_multiplier, s.unit_cost, s.allowance
             FROM billing_items s WHERE s.account_id IN ${sqlIn(accountIds)}`,
          accountIds,
        )
      : [];
    return new Map(accountIds.map((id) => [id, toBilling(rows.filter((r) => r.owner_id === id))]));
  }

  async effectiveApp(customerIds: string[], m: Queryable = this.tx.manager): Promise<Map<string, AppSettings>> {
    const nearest = nearestRows(await this.rowsInForce<AppRow>(m, 'app_settings', 'override_app_settings', APP_COLUMNS, customerIds));
    return new Map(customerIds.map((id) => [id, nearest.has(id) ? toApp(nearest.get(id)![0]) : defaultAppSettings()]));
  }

  /**
   * One query for any number of customers: the rows of every ancestor-or-self that overrides,
   * and the account's defaults at a depth below any ancestor; the caller keeps the nearest.
   */
  private rowsInForce<T>(m: Queryable, table: string, overrideFlag: string, columns: string, ids: string[]): Promise<T[]> {
    if (!ids.length) return Promise.resolve([]);
    // Driven from the customers asked for, whatever the statistics say (see fixedOrderJoin).
    const join = fixedOrderJoin(this.db.options.type);
    return m.query(
      `SELECT cc.descendant_id AS owner_id, cc.depth AS depth, ${columns}
         FROM customer_closure cc
         ${join} customers a ON a.id = cc.ancestor_id AND a.${overrideFlag} = 1
         ${join} ${table} s ON s.customer_id = a.id
        WHERE cc.descendant_id IN ${sqlIn(ids)}
       UNION ALL
       SELECT c.id AS owner_id, ${ACCOUNT_DEPTH} AS depth, ${columns}
         FROM customers c JOIN ${table} s ON s.account_id = c.account_id
        WHERE c.id IN ${sqlIn(ids)}`,
      [...ids, ...ids],
    );
  }

  async accountApp(accountIds: string[]): Promise<Map<string, AppSettings>> {
    const m = this.tx.manager;
    const rows: AppRow[] = accountIds.length
      ? await m.query(
          `SELECT s.account_id AS owner_id, ${APP_COLUMNS} FROM app_settings s WHERE s.account_id IN ${sqlIn(accountIds)}`,
          accountIds,
        )
      : [];
    const byId = new Map(rows.map((r) => [r.owner_id, r]));
    return new Map(accountIds.map((id) => [id, byId.has(id) ? toApp(byId.get(id)!) : defaultAppSettings()]));
  }

  /** Replaces the owner's billing rows (one multi-row insert). */
  async writeBilling(owner: SettingsOwner, settings: BillingSettings): Promise<void> {
    const m = this.tx.manager;
    await this.deleteBilling(owner);
    const rows = BILLING_ITEMS.map((item) => ({
      id: randomUUID(),
      accountId: owner.accountId ?? null,
      customerId: owner.customerId ?? null,
      item,
      ...settings[item],
    }));
    await m.createQueryBuilder().insert().into(BillingItemRow).values(rows).updateEntity(false).execute();
  }

  async deleteBilling(owner: SettingsOwner): Promise<void> {
    const m = this.tx.manager;
    await m.delete(BillingItemRow, owner.customerId ? { customerId: owner.customerId } : { accountId: owner.accountId });
  }

  async writeApp(owner: SettingsOwner, settings: AppSettings): Promise<void> {
    const m = this.tx.manager;
    await this.deleteApp(owner);
    await m
      .createQueryBuilder()
      .insert()
      .into(AppSettingsRow)
      .values({ id: randomUUID(), accountId: owner.accountId ?? null, customerId: owner.customerId ?? null, ...settings })
      .updateEntity(false)
      .execute();
  }

  async deleteApp(owner: SettingsOwner): Promise<void> {
    const m = this.tx.manager;
    await m.delete(AppSettingsRow, owner.customerId ? { customerId: owner.customerId } : { accountId: owner.accountId });
  }
}

function nearestRows<T extends { owner_id: string; depth?: number }>(rows: T[]): Map<string, T[]> {
  const depthOf = new Map<string, number>();
  for (const row of rows) depthOf.set(row.owner_id, Math.min(depthOf.get(row.owner_id) ?? Infinity, Number(row.depth)));
  const out = new Map<string, T[]>();
  for (const row of rows) {
    if (Number(row.depth) !== depthOf.get(row.owner_id)) continue;
    out.set(row.owner_id, [...(out.get(row.owner_id) ?? []), row]);
  }
  return out;
}

function toBilling(rows: BillingRow[]): BillingSettings {
  const out = defaultBillingSettings();
  for (const row of rows) {
    out[row.item as BillingItemName] = {
      baseCost: Number(row.base_cost),
      rawUnitMultiplier: Number(row.raw_unit_multiplier),
      unitCost: Number(row.unit_cost),
      allowance: Number(row.allowance),
    };
  }
  return out;
}

function toApp(row: AppRow): AppSettings {
  const out = defaultAppSettings();
  for (const key of APP_SETTING_FLAGS) out[key] = Boolean(Number(row[snake(key)]));
  for (const key of APP_SETTING_TEXTS) out[key] = (row[snake(key)] as string | null) ?? '';
  return out;
}
