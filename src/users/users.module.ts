import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './entities/user.entity';
import { UserAccount } from './entities/user-account.entity';
import { Session } from '../common/auth/session.entity';
import { AccountsModule } from '../accounts/accounts.module';
import { CustomersModule } from '../customers/customers.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { UserAdminService } from './user-admin.service';
import { UserRepository } from './user.repository';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserAccount, Session]), AccountsModule, CustomersModule],
  controllers: [UsersController],
  providers: [UsersService, UserAdminService, AdminBootstrapService, UserRepository],
  exports: [UsersService, UserAdminService],
})
export class UsersModule {}
