import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { hydrate, Queryable } from '../database/query-batch';
import { sqlIn } from '../database/sql';
import { ScheduleRow } from './entities/schedule.entity';
import { SchedulingRuleRow } from './entities/scheduling-rule.entity';
import { toRuleRows, toSchedule } from './schedule-rows.mapper';
import { INHERITING_SCHEDULE, Schedule } from './schedule.types';

export type ScheduleOwner = { customerId: string; accountId?: undefined } | { accountId: string; customerId?: undefined };

/** The schedule aggregate's SQL: one schedules row per owner and one scheduling_rules row per rule. */
@Injectable()
export class ScheduleRepository {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** The stored schedule of each customer, or the inheriting default. Two reads, sent together. */
  async forCustomers(customerIds: string[], m: Queryable = this.tx.manager): Promise<Map<string, Schedule>> {
    const stored = customerIds.length ? await this.load(m, 'customer_id', customerIds) : new Map<string, Schedule>();
    return new Map(customerIds.map((id) => [id, stored.get(id) ?? INHERITING_SCHEDULE()]));
  }

  async forAccounts(accountIds: string[], m: Queryable = this.tx.manager): Promise<Map<string, Schedule>> {
    return accountIds.length ? this.load(m, 'account_id', accountIds) : new Map();
  }

  async write(owner: ScheduleOwner, schedule: Schedule): Promise<void> {
    const m = this.tx.manager;
    await this.remove(owner);
    const id = randomUUID();
    await m.insert(ScheduleRow, {
      id,
      accountId: owner.accountId ?? null,
      customerId: owner.customerId ?? null,
      timeZoneId: schedule.timeZoneId,
      inherit: schedule.inherit,
      forceClosed: schedule.forceClosed,
      defaultState: schedule.defaultState,
    });
    const rules = toRuleRows(id, schedule);
    if (rules.length) await m.createQueryBuilder().insert().into(SchedulingRuleRow).values(rules).updateEntity(false).execute();
  }

  /** Rules go with their schedule (ON DELETE CASCADE). */
  async remove(owner: ScheduleOwner): Promise<void> {
    const m = this.tx.manager;
    await m.delete(ScheduleRow, owner.customerId ? { customerId: owner.customerId } : { accountId: owner.accountId });
  }

  /** Both reads are issued before either is awaited, so a QueryBatch sends them in one round trip. */
  private async load(m: Queryable, owner: 'customer_id' | 'account_id', ids: string[]): Promise<Map<string, Schedule>> {
    const [scheduleRows, ruleRows] = await Promise.all([
      m.query<Record<string, unknown>[]>(`SELECT s.* FROM schedules s WHERE s.${owner} IN ${sqlIn(ids)}`, ids),
      m.query<Record<string, unknown>[]>(
        `SELECT r.* FROM scheduling_rules r JOIN schedules s ON s.id = r.schedule_id WHERE s.${owner} IN ${sqlIn(ids)} ORDER BY r.position`,
        ids,
      ),
    ]);
    const schedules = hydrate(this.db, ScheduleRow, scheduleRows);
    const rules = hydrate(this.db, SchedulingRuleRow, ruleRows);
    const out = new Map<string, Schedule>();
    for (const row of schedules) {
      const ownerId = (owner === 'customer_id' ? row.customerId : row.accountId) as string;
      out.set(
        ownerId,
        toSchedule(
          row,
          rules.filter((r) => r.scheduleId === row.id),
        ),
      );
    }
    return out;
  }
}
