import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { AccountsService } from './accounts.service';
import { AccountInfo } from './dto/account-info.dto';
import { NewAccountDto } from './dto/new-account.dto';

@ApiTags('Accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  /** Creates an account (NewAccount) */
  @Post()
  @HttpCode(200)
  @Roles(Role.SystemAdministrator)
  create(@CurrentUser() p: Principal, @Body() dto: NewAccountDto): Promise<AccountInfo> {
    return this.accounts.create(p, dto);
  }

  /** Lists the accounts the caller belongs to; all of them for a SystemAdministrator (ListAccounts) */
  @Get()
  list(@CurrentUser() p: Principal): Promise<AccountInfo[]> {
    return this.accounts.list(p);
  }

  /** Gets one account (GetAccount) */
  @Get(':accountId')
  get(@CurrentUser() p: Principal, @Param('accountId') accountId: string): Promise<AccountInfo> {
    return this.accounts.get(p, accountId);
  }
}
