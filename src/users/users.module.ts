import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CustomersModule } from '../customers/customers.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { UserAdminService } from './user-admin.service';

@Module({
  imports: [AccountsModule, CustomersModule],
  controllers: [UsersController],
  providers: [UsersService, UserAdminService, AdminBootstrapService],
  exports: [UsersService, UserAdminService],
})
export class UsersModule {}
