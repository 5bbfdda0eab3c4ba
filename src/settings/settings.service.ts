import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sqlIn } from '../database/sql';
import { AppSettingsRow } from '../settings/entities/app-settings.entity';
import { BillingItemRow } from '../settings/entities/billing-item.entity';
import { defaultAppSettings, defaultBillingSettings } from './settings-merge';
import { APP_SETTING_FLAGS, APP_SETTING_TEXTS, AppSettings, BILLING_ITEMS, BillingItemName, BillingSettings } from './settings.types';

export interface SettingsTarget {
  id: string;
  accountId: string;
}

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
export class SettingsService {
  constructor(private readonly db: DataSource) {}

  /** One query: the overriding ancestors' rows and the account's, the nearest winning. */
  async effectiveBilling(targets: SettingsTarget[], m: EntityManager = this.db.manager): Promise<Map<string, BillingSettings>> {
    const ids = targets.map((t) => t.id);
    const rows: BillingRow[] = ids.length
      ? await m.query(
          `SELECT cc.descendant_id AS owner_id, cc.depth AS depth, ${BILLING_COLUMNS}
             FROM customer_closure cc
             JOIN customers a ON a.id = cc.ancestor_id AND a.override_billing_settings = 1
             JOIN billing_items s ON s.customer_id = a.id
            WHERE cc.descendant_id IN ${sqlIn(ids)}
           UNION ALL
           SELECT c.id AS owner_id, ${ACCOUNT_DEPTH} AS depth, ${BILLING_COLUMNS}
             FROM customers c JOIN billing_items s ON s.account_id = c.account_id
            WHERE c.id IN ${sqlIn(ids)}`,
          [...ids, ...ids],
        )
      : [];
    const nearest = nearestRows(rows);
    return new Map(targets.map((t) => [t.id, toBilling(nearest.get(t.id) ?? [])]));
  }

  async accountBilling(accountIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, BillingSettings>> {
    const rows: BillingRow[] = accountIds.length
      ? await m.query(
          `SELECT s.account_id AS owner_id, s.item, s.base_cost, s.raw_unit_multiplier, s.unit_cost, s.allowance
             FROM billing_items s WHERE s.account_id IN ${sqlIn(accountIds)}`,
          accountIds,
        )
      : [];
    return new Map(accountIds.map((id) => [id, toBilling(rows.filter((r) => r.owner_id === id))]));
  }

  /** One query: the overriding ancestors' row and the account's, the nearest winning. */
  async effectiveApp(targets: SettingsTarget[], m: EntityManager = this.db.manager): Promise<Map<string, AppSettings>> {
    const ids = targets.map((t) => t.id);
    const rows: AppRow[] = ids.length
      ? await m.query(
          `SELECT cc.descendant_id AS owner_id, cc.depth AS depth, ${APP_COLUMNS}
             FROM customer_closure cc
             JOIN customers a ON a.id = cc.ancestor_id AND a.override_app_settings = 1
             JOIN app_settings s ON s.customer_id = a.id
            WHERE cc.descendant_id IN ${sqlIn(ids)}
           UNION ALL
           SELECT c.id AS owner_id, ${ACCOUNT_DEPTH} AS depth, ${APP_COLUMNS}
             FROM customers c JOIN app_settings s ON s.account_id = c.account_id
            WHERE c.id IN ${sqlIn(ids)}`,
          [...ids, ...ids],
        )
      : [];
    const nearest = new Map<string, AppRow>();
    for (const row of rows) {
      const seen = nearest.get(row.owner_id);
      if (!seen || Number(row.depth) < Number(seen.depth)) nearest.set(row.owner_id, row);
    }
    return new Map(targets.map((t) => [t.id, nearest.has(t.id) ? toApp(nearest.get(t.id)!) : defaultAppSettings()]));
  }

  async accountApp(accountIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, AppSettings>> {
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
  async writeBilling(m: EntityManager, owner: SettingsOwner, settings: BillingSettings): Promise<void> {
    await this.deleteBilling(m, owner);
    const rows = BILLING_ITEMS.map((item) => ({
      id: randomUUID(),
      accountId: owner.accountId ?? null,
      customerId: owner.customerId ?? null,
      item,
      ...settings[item],
    }));
    await m.createQueryBuilder().insert().into(BillingItemRow).values(rows).updateEntity(false).execute();
  }

  async deleteBilling(m: EntityManager, owner: SettingsOwner): Promise<void> {
    await m.delete(BillingItemRow, owner.customerId ? { customerId: owner.customerId } : { accountId: owner.accountId });
  }

  async writeApp(m: EntityManager, owner: SettingsOwner, settings: AppSettings): Promise<void> {
    await this.deleteApp(m, owner);
    await m
      .createQueryBuilder()
      .insert()
      .into(AppSettingsRow)
      .values({ id: randomUUID(), accountId: owner.accountId ?? null, customerId: owner.customerId ?? null, ...settings })
      .updateEntity(false)
      .execute();
  }

  async deleteApp(m: EntityManager, owner: SettingsOwner): Promise<void> {
    await m.delete(AppSettingsRow, owner.customerId ? { customerId: owner.customerId } : { accountId: owner.accountId });
  }
}

function nearestRows(rows: BillingRow[]): Map<string, BillingRow[]> {
  const depthOf = new Map<string, number>();
  for (const row of rows) depthOf.set(row.owner_id, Math.min(depthOf.get(row.owner_id) ?? Infinity, Number(row.depth)));
  const out = new Map<string, BillingRow[]>();
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
