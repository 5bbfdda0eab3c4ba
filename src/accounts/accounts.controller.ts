import { EXAMPLE_APP_SETTINGS, EXAMPLE_BILLING, EXAMPLE_SCHEDULE } from '../openapi/examples';
import { Operation, PathParam } from '../compat/operation.decorator';
import { ACCOUNT_INFO_COLUMNS } from '../compat/csv-columns';
import { Body, Controller, HttpCode, Query } from '@nestjs/common';
import { ListResponse } from '../common/paging/list-request.dto';
import { ListAccountsDto, PatchAccountDto } from './dto/patch-account.dto';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListResponseOf } from '../common/paging/list-response-of';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { AccountsService } from './accounts.service';
import { AccountInfo } from './dto/account-info.dto';
import { NewAccountDto } from './dto/new-account.dto';

@ApiTags('Accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  /** Creates an account (NewAccount) */
  @Operation('POST', 'accounts', 'NewAccount', {
    leavesCustomersUnchanged: true,
    example: { name: 'Acme Telecom', billingSettings: EXAMPLE_BILLING, appSettings: EXAMPLE_APP_SETTINGS },
  })
  @HttpCode(200)
  @Roles(Role.SystemAdministrator)
  create(@CurrentUser() p: Principal, @Body() dto: NewAccountDto): Promise<AccountInfo> {
    return this.accounts.create(p, dto);
  }

  /** Lists the accounts the caller belongs to; all of them for a SystemAdministrator (ListAccounts) */
  @Operation('GET', 'accounts', 'ListAccounts', { columns: ACCOUNT_INFO_COLUMNS })
  @ApiOkResponse({ type: ListResponseOf(AccountInfo) })
  list(@CurrentUser() p: Principal, @Query() req: ListAccountsDto): Promise<ListResponse<AccountInfo>> {
    return this.accounts.list(p, req);
  }

  /** Gets one account (GetAccount) */
  @Operation('GET', 'accounts/:accountId', 'GetAccount')
  get(@CurrentUser() p: Principal, @PathParam('accountId') accountId: string): Promise<AccountInfo> {
    return this.accounts.get(p, accountId);
  }

  /** Changes an account's name, defaults or schedule (PatchAccount) */
  @Operation('PATCH', 'accounts/:accountId', 'PatchAccount', { example: { name: 'Acme Telecom Ltd', schedule: EXAMPLE_SCHEDULE } })
  @Roles(Role.SystemAdministrator)
  patch(@CurrentUser() p: Principal, @PathParam('accountId') accountId: string, @Body() dto: PatchAccountDto): Promise<AccountInfo> {
    return this.accounts.patch(p, accountId, dto);
  }

  /** Deletes an account that has no customers (DeleteAccount) */
  @Operation('DELETE', 'accounts/:accountId', 'DeleteAccount')
  @Roles(Role.SystemAdministrator)
  async delete(@CurrentUser() p: Principal, @PathParam('accountId') accountId: string): Promise<Record<string, never>> {
    await this.accounts.delete(p, accountId);
    return {};
  }
}
