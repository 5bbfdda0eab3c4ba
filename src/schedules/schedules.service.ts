import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ScheduleRow } from './entities/schedule.entity';
import { SchedulingRuleRow } from './entities/scheduling-rule.entity';
import { toRuleRows, toSchedule } from './schedule-rows.mapper';
import { INHERITING_SCHEDULE, Schedule } from './schedule.types';

export type ScheduleOwner = { customerId: string; accountId?: undefined } | { accountId: string; customerId?: undefined };

/** Stores schedules relationally: one schedules row and one scheduling_rules row per rule. */
@Injectable()
export class SchedulesService {
  constructor(private readonly db: DataSource) {}

  /** The stored schedule of each customer, or the inheriting default. Two queries. */
  async forCustomers(customerIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, Schedule>> {
    const stored = await this.load(m, { customerId: In(customerIds) }, (row) => row.customerId as string);
    return new Map(customerIds.map((id) => [id, stored.get(id) ?? INHERITING_SCHEDULE()]));
  }

  async forAccounts(accountIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, Schedule>> {
    return this.load(m, { accountId: In(accountIds) }, (row) => row.accountId as string);
  }

  async write(m: EntityManager, owner: ScheduleOwner, schedule: Schedule): Promise<void> {
    await this.remove(m, owner);
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
  async remove(m: EntityManager, owner: ScheduleOwner): Promise<void> {
    await m.delete(ScheduleRow, owner.customerId ? { customerId: owner.customerId } : { accountId: owner.accountId });
  }

  private async load(
    m: EntityManager,
    where: Record<string, unknown>,
    ownerOf: (row: ScheduleRow) => string,
  ): Promise<Map<string, Schedule>> {
    const out = new Map<string, Schedule>();
    const key = Object.keys(where)[0];
    if (((where[key] as { value?: unknown[] }).value ?? []).length === 0) return out;
    const rows = await m.find(ScheduleRow, { where });
    if (!rows.length) return out;
    const rules = await m.find(SchedulingRuleRow, { where: { scheduleId: In(rows.map((r) => r.id)) }, order: { position: 'ASC' } });
    for (const row of rows)
      out.set(
        ownerOf(row),
        toSchedule(
          row,
          rules.filter((r) => r.scheduleId === row.id),
        ),
      );
    return out;
  }
}
