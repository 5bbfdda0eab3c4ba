import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { CustomersService } from './customers.service';
import { CustomerInfo } from './dto/customer-info.dto';
import { NewCustomerDto } from './dto/new-customer.dto';

const ALL_ROLES = [Role.SystemAdministrator, Role.Manager, Role.Customer];

@ApiTags('Customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  /** Creates a new customer (NewCustomer) */
  @Post()
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  create(@CurrentUser() p: Principal, @Body() dto: NewCustomerDto): Promise<CustomerInfo> {
    return this.customers.create(p, dto);
  }

  /** Gets a customer (GetCustomer) */
  @Get(':customerId')
  @Roles(...ALL_ROLES)
  get(@CurrentUser() p: Principal, @Param('customerId') customerId: string): Promise<CustomerInfo> {
    return this.customers.get(p, customerId);
  }
}
