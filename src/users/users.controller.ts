import { EXAMPLE_IDS } from '../openapi/examples';
import { Operation, PathParam } from '../compat/operation.decorator';
import { USER_INFO_COLUMNS } from '../compat/csv-columns';
import { Body, Controller, HttpCode, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListResponseOf } from '../common/paging/list-response-of';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ListRequestDto, ListResponse } from '../common/paging/list-request.dto';
import { NewUserDto } from './dto/new-user.dto';
import { PatchUserDto } from './dto/patch-user.dto';
import { UserInfo } from './dto/user-info.dto';
import { UserAdminService } from './user-admin.service';
import { UsersService } from './users.service';

@ApiTags('Users')
@ApiBearerAuth()
@Controller()
@Roles(Role.SystemAdministrator, Role.Manager)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdminService,
  ) {}

  /** Creates a user (NewUser) */
  @Operation('POST', 'users', 'NewUser', {
    leavesCustomersUnchanged: true,
    example: {
      accountId: EXAMPLE_IDS.accountId,
      emailAddress: 'jane@example.com',
      firstName: 'Jane',
      lastName: 'Doe',
      password: 'correct horse battery staple',
      roles: ['Manager'],
    },
  })
  @HttpCode(200)
  create(@CurrentUser() p: Principal, @Body() dto: NewUserDto): Promise<UserInfo> {
    return this.users.create(p, dto);
  }

  /** Lists the users of the caller's accounts (ListUsers) */
  @Operation('GET', 'users', 'ListUsers', { columns: USER_INFO_COLUMNS })
  @ApiOkResponse({ type: ListResponseOf(UserInfo) })
  list(@CurrentUser() p: Principal, @Query() req: ListRequestDto): Promise<ListResponse<UserInfo>> {
    return this.admin.list(p, req);
  }

  /** Gets a user (GetUser) */
  @Operation('GET', 'users/:userId', 'GetUser')
  get(@CurrentUser() p: Principal, @PathParam('userId') userId: string): Promise<UserInfo> {
    return this.admin.get(p, userId);
  }

  /** Changes a user (PatchUser); roles only by a SystemAdministrator */
  @Operation('PATCH', 'users/:userId', 'PatchUser', { example: { firstName: 'Janet' }, leavesCustomersUnchanged: true })
  patch(@CurrentUser() p: Principal, @PathParam('userId') userId: string, @Body() dto: PatchUserDto): Promise<UserInfo> {
    return this.admin.patch(p, userId, dto);
  }

  /** Deletes a user and ends its sessions (DeleteUser) */
  @Operation('DELETE', 'users/:userId', 'DeleteUser', { leavesCustomersUnchanged: true })
  async delete(@CurrentUser() p: Principal, @PathParam('userId') userId: string): Promise<Record<string, never>> {
    await this.admin.delete(p, userId);
    return {};
  }
}
