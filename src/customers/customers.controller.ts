import { EXAMPLE_APP_SETTINGS, EXAMPLE_BILLING, EXAMPLE_DATA, EXAMPLE_IDS, EXAMPLE_SCHEDULE } from '../openapi/examples';
import { Operation, PathParam } from '../compat/operation.decorator';
import { CUSTOMER_INFO_COLUMNS } from '../compat/csv-columns';
import { Body, Controller, Headers, HttpCode, Query, Req, StreamableFile } from '@nestjs/common';
import { jsonListStream } from '../common/paging/json-list-stream';
import type { FastifyRequest } from 'fastify';
import { CsvRows, wantsCsv } from '../compat/format.interceptor';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListResponseOf } from '../common/paging/list-response-of';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ListResponse } from '../common/paging/list-request.dto';
import { CustomerListService } from './customer-list.service';
import { CustomerPatchService } from './customer-patch.service';
import { CustomersService } from './customers.service';
import { CustomerInfo } from './dto/customer-info.dto';
import { DeleteCustomerQuery } from './dto/delete-customer.dto';
import { ListCustomersDto } from './dto/list-customers.dto';
import { NewCustomerDto } from './dto/new-customer.dto';
import { PatchCustomerDto, SetCustomerStagingModeDto } from './dto/patch-customer.dto';

@ApiTags('Customers')
@ApiBearerAuth()
@Controller()
@Roles(Role.SystemAdministrator, Role.Manager, Role.Customer)
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly lists: CustomerListService,
    private readonly patches: CustomerPatchService,
  ) {}

  /** Creates a new customer (NewCustomer) */
  @Operation('POST', 'customers', 'NewCustomer', {
    example: { accountId: EXAMPLE_IDS.accountId, name: 'Northwind Dental', referenceId: 'CRM-1042', data: EXAMPLE_DATA },
    // A new customer changes no other customer's details (nothing counts children).
    leavesCustomersUnchanged: true,
  })
  @HttpCode(200)
  create(@CurrentUser() p: Principal, @Body() dto: NewCustomerDto): Promise<CustomerInfo> {
    return this.customers.create(p, dto);
  }

  /** Lists the customers the caller may see (ListCustomers) */
  @Operation('GET', 'customers', 'ListCustomers', { columns: CUSTOMER_INFO_COLUMNS, readsFrom: 'replica' })
  @ApiOkResponse({ type: ListResponseOf(CustomerInfo) })
  async list(
    @CurrentUser() p: Principal,
    @Query() req: ListCustomersDto,
    @Req() http: FastifyRequest,
  ): Promise<ListResponse<CustomerInfo> | CsvRows | StreamableFile> {
    // A whole list is streamed page by page, as CSV or JSON, instead of being built in memory.
    if (!req.all) return this.lists.list(p, req);
    const { total, more, items } = await this.lists.stream(p, req);
    if (wantsCsv(http)) return new CsvRows(items as AsyncIterable<unknown> as AsyncIterable<Record<string, unknown>>);
    return jsonListStream(items, total, more);
  }

  /** Gets a customer (GetCustomer); `Cache-Control: no-cache` reads it from the database, past this instance's cache */
  @Operation('GET', 'customers/:customerId', 'GetCustomer')
  get(
    @CurrentUser() p: Principal,
    @PathParam('customerId') customerId: string,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<CustomerInfo> {
    return this.customers.get(p, customerId, /\bno-cache\b/i.test(cacheControl ?? ''));
  }

  /** Changes a customer; only the properties present change (PatchCustomer) */
  @Operation('PATCH', 'customers/:customerId', 'PatchCustomer', {
    example: {
      name: 'Northwind Dental Group',
      tagIds: [EXAMPLE_IDS.tagId],
      schedule: EXAMPLE_SCHEDULE,
      overrideBillingSettings: true,
      billingSettings: EXAMPLE_BILLING,
      overrideAppSettings: true,
      appSettings: EXAMPLE_APP_SETTINGS,
    },
  })
  patch(@CurrentUser() p: Principal, @PathParam('customerId') customerId: string, @Body() dto: PatchCustomerDto): Promise<CustomerInfo> {
    return this.patches.patch(p, customerId, dto);
  }

  /** Deletes a customer; one with descendants needs cascade=true (DeleteCustomer) */
  @Operation('DELETE', 'customers/:customerId', 'DeleteCustomer')
  async delete(
    @CurrentUser() p: Principal,
    @PathParam('customerId') customerId: string,
    @Query() q: DeleteCustomerQuery,
  ): Promise<Record<string, never>> {
    await this.customers.delete(p, customerId, q.cascade ?? false);
    return {};
  }

  /** Moves a customer between staging and production (SetCustomerStagingMode) */
  @Operation('POST', 'customers/:customerId/staging', 'SetCustomerStagingMode', { example: { isStaging: true } })
  @HttpCode(200)
  @Roles(Role.SystemAdministrator, Role.Manager)
  staging(
    @CurrentUser() p: Principal,
    @PathParam('customerId') customerId: string,
    @Body() dto: SetCustomerStagingModeDto,
  ): Promise<CustomerInfo> {
    return this.customers.setStaging(p, customerId, dto.isStaging);
  }
}
