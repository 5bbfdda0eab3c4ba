import { Injectable } from '@nestjs/common';
import { CustomerHierarchyRepository } from './customer-hierarchy.repository';
import { ScheduleContext } from '../schedules/schedule-evaluator';
import { EMPTY_SCHEDULE, Schedule } from '../schedules/schedule.types';
import { ScheduleRepository } from '../schedules/schedule.repository';

export interface ResolvedSchedules {
  /** The customer's effective schedule, with its parent's context for CustomerState rules. */
  context: ScheduleContext;
  /** The parent customer's context (undefined for a root customer). */
  parent: ScheduleContext | undefined;
  /** What `inherit=true` means for this customer: the parent's effective schedule, else the account's. */
  above: Schedule;
}

/**
 * Follows `inherit` up the hierarchy: one closure query for the ancestors, two for their stored
 * schedules, two for the account's.
 */
@Injectable()
export class ScheduleResolverService {
  constructor(
    private readonly hierarchy: CustomerHierarchyRepository,
    private readonly schedules: ScheduleRepository,
  ) {}

  async resolve(customer: { id: string; accountId: string }): Promise<ResolvedSchedules> {
    const chain = await this.hierarchy.selfAndAncestors(customer.id); // [self, parent, …, root]
    const [stored, account] = await Promise.all([this.schedules.forCustomers(chain), this.schedules.forAccounts([customer.accountId])]);
    // The account's schedule ends the chain, whatever its own inherit flag says.
    const effective: Schedule[] = new Array<Schedule>(chain.length + 1);
    effective[chain.length] = { ...(account.get(customer.accountId) ?? EMPTY_SCHEDULE()), inherit: false };
    const contexts: (ScheduleContext | undefined)[] = new Array<ScheduleContext | undefined>(chain.length + 1);
    for (let i = chain.length - 1; i >= 0; i--) {
      const own = stored.get(chain[i])!;
      effective[i] = own.inherit ? effective[i + 1] : own;
      contexts[i] = { schedule: effective[i], parent: contexts[i + 1] };
    }
    return { context: contexts[0]!, parent: contexts[1], above: effective[1] };
  }
}
