import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '../accounts/accounts.service';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { CustomerPatchService } from '../customers/customer-patch.service';
import { CustomersService } from '../customers/customers.service';
import { ScheduleStateService } from '../schedules/schedule-state.service';
import { TagsService } from '../tags/tags.service';
import { UserAdminService } from '../users/user-admin.service';
import {
  PatchAccountRequest,
  PatchCustomerRequest,
  PatchTagRequest,
  PatchUserRequest,
  SetCustomerStagingModeRequest,
  TestScheduleRequest,
} from './predefined-requests.dto';

const routes = (operation: string): string[] => [`api/${operation}`, `json/reply/${operation}`, `csv/reply/${operation}`];
const ALL = [Role.SystemAdministrator, Role.Manager, Role.Customer];

/**
 * ServiceStack's predefined routes for operations whose path parameters travel in the body
 * (the rest are mapped onto the custom routes before routing, see url-rewrite.ts). Each handler
 * calls the same service as the custom route, under the same global guards, pipes and filter.
 */
@ApiTags('Predefined routes')
@ApiBearerAuth()
@Controller()
export class PredefinedRoutesController {
  constructor(
    private readonly customers: CustomersService,
    private readonly patches: CustomerPatchService,
    private readonly schedules: ScheduleStateService,
    private readonly accounts: AccountsService,
    private readonly tags: TagsService,
    private readonly users: UserAdminService,
  ) {}

  /** PatchCustomer with customerId in the body */
  @Patch(routes('PatchCustomer'))
  @Roles(...ALL)
  patchCustomer(@CurrentUser() p: Principal, @Body() { customerId, ...dto }: PatchCustomerRequest) {
    return this.patches.patch(p, customerId, dto);
  }

  /** SetCustomerStagingMode with customerId in the body */
  @Post(routes('SetCustomerStagingMode'))
  @HttpCode(200)
  @Roles(Role.SystemAdministrator, Role.Manager)
  staging(@CurrentUser() p: Principal, @Body() dto: SetCustomerStagingModeRequest) {
    return this.customers.setStaging(p, dto.customerId, dto.isStaging);
  }

  /** TestSchedule with customerId in the body */
  @Post(routes('TestSchedule'))
  @HttpCode(200)
  @Roles(...ALL)
  testSchedule(@CurrentUser() p: Principal, @Body() { customerId, ...dto }: TestScheduleRequest) {
    return this.schedules.test(p, customerId, dto);
  }

  /** PatchAccount with accountId in the body */
  @Patch(routes('PatchAccount'))
  @Roles(Role.SystemAdministrator)
  patchAccount(@CurrentUser() p: Principal, @Body() { accountId, ...dto }: PatchAccountRequest) {
    return this.accounts.patch(p, accountId, dto);
  }

  /** PatchTag with tagId in the body */
  @Patch(routes('PatchTag'))
  @Roles(...ALL)
  patchTag(@CurrentUser() p: Principal, @Body() { tagId, ...dto }: PatchTagRequest) {
    return this.tags.patch(p, tagId, dto);
  }

  /** PatchUser with userId in the body */
  @Patch(routes('PatchUser'))
  @Roles(Role.SystemAdministrator, Role.Manager)
  patchUser(@CurrentUser() p: Principal, @Body() { userId, ...dto }: PatchUserRequest) {
    return this.users.patch(p, userId, dto);
  }
}
