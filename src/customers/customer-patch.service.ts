import { requireVisibleTags } from '../tags/visible-tags';
import { Injectable } from '@nestjs/common';
import { isCustomerUser, Principal } from '../common/auth/principal';
import { ApiError } from '../common/errors/api-error';
import { normalizeIntegrationData, normalizeStruct } from '../common/struct/struct-rules';
import { isUniqueViolation } from '../database/sql';
import { TransactionRunner } from '../database/transaction-runner';
import { toValidSchedule } from '../schedules/schedule-validation';
import { Schedule } from '../schedules/schedule.types';
import { ScheduleRepository } from '../schedules/schedule.repository';
import { mergeAppSettings, mergeBillingSettings } from '../settings/settings-merge';
import { SettingsRepository } from '../settings/settings.repository';
import { AppSettings, BillingSettings } from '../settings/settings.types';
import { TagRepository } from '../tags/tag.repository';
import { CustomerHierarchyRepository } from './customer-hierarchy.repository';
import { CustomerInfoLoader } from './customer-info.loader';
import { CustomerScopeService } from './customer-scope.service';
import { CustomerRepository } from './customer.repository';
import { duplicateReference } from './customers.service';
import { blankToNull, requiredText } from '../common/validation/blank';
import { CustomerInfo } from './dto/customer-info.dto';
import { PatchCustomerDto } from './dto/patch-customer.dto';
import { Customer } from './entities/customer.entity';

/** What a Customer user may change on its own customer (contract §2). */
/** Equal as JSON, keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object'
      ? Array.isArray(v)
        ? v.map(canonical)
        : Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
      : (v ?? null);
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

interface Plan {
  changes: Partial<Customer>;
  move?: { parentId: string | null };
  tagIds?: string[];
  schedule?: Schedule | null;
  billing?: BillingSettings | null;
  app?: AppSettings | null;
}

/** PatchCustomer: everything is checked first, then written in one transaction. */
@Injectable()
export class CustomerPatchService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly customers: CustomerRepository,
    private readonly scope: CustomerScopeService,
    private readonly hierarchy: CustomerHierarchyRepository,
    private readonly settings: SettingsRepository,
    private readonly schedules: ScheduleRepository,
    private readonly infos: CustomerInfoLoader,
    private readonly tags: TagRepository,
  ) {}

  async patch(p: Principal, id: string, dto: PatchCustomerDto): Promise<CustomerInfo> {
    const customer = await this.scope.requireVisible(p, id);
    // A Customer user never moves its own customer: refused before the new parent is even looked up.
    if (isCustomerUser(p) && customer.id === p.customerId && dto.parentCustomerId !== undefined) {
      if (blankToNull(dto.parentCustomerId) !== customer.parentCustomerId)
        throw ApiError.forbidden("Customer users cannot change 'parentCustomerId' of their own customer.");
    }
    const plan = await this.plan(p, customer, dto);
    this.checkCustomerUser(p, customer, plan);
    const changes = { ...plan.changes, dateLastModified: new Date(), lastModifiedBy: p.userId };
    try {
      return await this.tx.run(async () => {
        await this.write(customer, plan, changes);
        return (await this.infos.load([{ ...customer, ...changes }]))[0];
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicateReference(changes.referenceId ?? customer.referenceId);
      throw err;
    }
  }

  /**
   * What a Customer user may not change: billing anywhere, and on its own customer anything but
   * name, data, tags and schedule. Judged on what the patch would really change, so a client that
   * sends back the whole customer it read (ServiceStack's read-then-write) is not refused.
   */
  private checkCustomerUser(p: Principal, customer: Customer, plan: Plan): void {
    if (!isCustomerUser(p)) return;
    if (plan.changes.overrideBillingSettings !== Boolean(customer.overrideBillingSettings) || plan.billing !== undefined) {
      throw ApiError.forbidden('Customer users cannot change billing settings.');
    }
    if (customer.id !== p.customerId) return;
    const changed = [
      plan.changes.referenceId !== undefined && plan.changes.referenceId !== customer.referenceId && 'referenceId',
      plan.changes.integrationData !== undefined &&
        !sameJson(plan.changes.integrationData ?? {}, customer.integrationData ?? {}) &&
        'integrationData',
      plan.move && 'parentCustomerId',
      (plan.changes.overrideAppSettings !== Boolean(customer.overrideAppSettings) || plan.app !== undefined) && 'appSettings',
    ].find(Boolean);
    if (changed) throw ApiError.forbidden(`Customer users cannot change '${changed}' of their own customer.`);
  }

  private async plan(p: Principal, customer: Customer, dto: PatchCustomerDto): Promise<Plan> {
    const plan: Plan = { changes: {} };
    if (dto.name !== undefined) plan.changes.name = requiredText(dto.name);
    if (dto.referenceId !== undefined) plan.changes.referenceId = blankToNull(dto.referenceId);
    if (dto.data !== undefined) plan.changes.data = dto.data ? normalizeStruct(dto.data) : null;
    if (dto.integrationData !== undefined)
      plan.changes.integrationData = dto.integrationData ? normalizeIntegrationData(dto.integrationData) : null;
    if (dto.parentCustomerId !== undefined) await this.planMove(p, customer, blankToNull(dto.parentCustomerId), plan);
    if (dto.tagIds !== undefined) plan.tagIds = await this.checkTags(p, customer, dto.tagIds);
    if (dto.schedule !== undefined) plan.schedule = dto.schedule === null ? null : toValidSchedule(dto.schedule, 'schedule');
    await this.planSettings(customer, dto, plan);
    return plan;
  }

  private async planMove(p: Principal, customer: Customer, parentId: string | null, plan: Plan): Promise<void> {
    if (parentId === customer.parentCustomerId) return;
    if (parentId) {
      const parent = await this.scope.requireVisible(p, parentId);
      if (parent.accountId !== customer.accountId) {
        throw ApiError.field('parentCustomerId', 'InvalidParent', "'Parent Customer Id' must be a customer of the same account.");
      }
      if (await this.hierarchy.isInSubtree(customer.id, parent.id)) {
        throw ApiError.field('parentCustomerId', 'Cycle', "'Parent Customer Id' cannot be the customer itself or one of its descendants.");
      }
    } else if (isCustomerUser(p)) {
      throw ApiError.forbidden('Customer users cannot move a customer out of their own subtree.');
    }
    plan.changes.parentCustomerId = parentId;
    plan.move = { parentId };
  }

  /** Tags must exist in the caller's scope (else 404) and belong to the customer's account (else 400). */
  private async checkTags(p: Principal, customer: Customer, tagIds: string[]): Promise<string[]> {
    const visible = await requireVisibleTags(this.tags.refs(this.tx.manager, tagIds), p, tagIds);
    const index = visible.findIndex((t) => t.account_id !== customer.accountId);
    if (index >= 0) {
      throw ApiError.field(
        `tagIds[${tagIds.indexOf(visible[index].id)}]`,
        'InvalidTag',
        "'Tag Ids' must name tags of the customer's account.",
      );
    }
    return visible.map((t) => t.id);
  }

  private async planSettings(customer: Customer, dto: PatchCustomerDto, plan: Plan): Promise<void> {
    const overrideBilling = dto.overrideBillingSettings ?? Boolean(customer.overrideBillingSettings);
    // Sent with overrideBillingSettings=false, billingSettings is the inherited value read back: ignored.
    if (dto.billingSettings && !overrideBilling && dto.overrideBillingSettings === undefined) {
      throw ApiError.field('billingSettings', 'NotAllowed', "'Billing Settings' can only be set with overrideBillingSettings=true.");
    }
    if (overrideBilling && (dto.billingSettings || !customer.overrideBillingSettings)) {
      const current = (await this.settings.effectiveBilling([customer.id])).get(customer.id)!;
      const merged = mergeBillingSettings(current, dto.billingSettings ?? {});
      // Settings sent back as they were change nothing and write nothing.
      if (!customer.overrideBillingSettings || !sameJson(merged, current)) plan.billing = merged;
    } else if (!overrideBilling && customer.overrideBillingSettings) {
      plan.billing = null;
    }
    plan.changes.overrideBillingSettings = overrideBilling;

    const overrideApp = dto.overrideAppSettings ?? Boolean(customer.overrideAppSettings);
    if (dto.appSettings && !overrideApp && dto.overrideAppSettings === undefined) {
      throw ApiError.field('appSettings', 'NotAllowed', "'App Settings' can only be set with overrideAppSettings=true.");
    }
    if (overrideApp && (dto.appSettings || !customer.overrideAppSettings)) {
      const current = (await this.settings.effectiveApp([customer.id])).get(customer.id)!;
      const merged = mergeAppSettings(current, dto.appSettings ?? {});
      if (!customer.overrideAppSettings || !sameJson(merged, current)) plan.app = merged;
    } else if (!overrideApp && customer.overrideAppSettings) {
      plan.app = null;
    }
    plan.changes.overrideAppSettings = overrideApp;
  }

  private async write(customer: Customer, plan: Plan, changes: Partial<Customer>): Promise<void> {
    const m = this.tx.manager;
    if (plan.move) {
      await this.hierarchy.lockTree(customer.accountId);
      // Checked again under the lock: a concurrent move may have changed the tree meanwhile.
      const { parentId } = plan.move;
      if (parentId && (!(await this.customers.exists(parentId)) || (await this.hierarchy.isInSubtree(customer.id, parentId)))) {
        throw ApiError.field('parentCustomerId', 'Cycle', "'Parent Customer Id' cannot be the customer itself or one of its descendants.");
      }
    }
    await this.customers.update(customer.id, changes);
    if (changes.name !== undefined && changes.name !== customer.name) await this.hierarchy.rename(m, customer.id, changes.name);
    if (plan.move) await this.hierarchy.move(customer.id, plan.move.parentId);
    if (plan.tagIds) await this.tags.setForCustomer(customer.id, plan.tagIds);
    const owner = { customerId: customer.id };
    if (plan.schedule === null) await this.schedules.remove(owner);
    else if (plan.schedule) await this.schedules.write(owner, plan.schedule);
    if (plan.billing === null) await this.settings.deleteBilling(owner);
    else if (plan.billing) await this.settings.writeBilling(owner, plan.billing);
    if (plan.app === null) await this.settings.deleteApp(owner);
    else if (plan.app) await this.settings.writeApp(owner, plan.app);
  }
}
