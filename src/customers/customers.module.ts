import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Customer } from './entities/customer.entity';
import { CustomerClosure } from './entities/customer-closure.entity';
import { AccountsModule } from '../accounts/accounts.module';
import { SchedulesModule } from '../schedules/schedules.module';
import { SettingsModule } from '../settings/settings.module';
import { TagsModule } from '../tags/tags.module';
import { CustomerHierarchyRepository } from './customer-hierarchy.repository';
import { CustomerInfoLoader } from './customer-info.loader';
import { CustomerRepository } from './customer.repository';
import { CustomerScopeService } from './customer-scope.service';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomerListService } from './customer-list.service';
import { CustomerListRepository } from './customer-list.repository';
import { CustomerPatchService } from './customer-patch.service';
import { CustomerSchedulesController } from './customer-schedules.controller';
import { ScheduleResolverService } from './customer-schedule-resolver.service';
import { ScheduleStateService } from './customer-schedule-state.service';

@Module({
  imports: [TypeOrmModule.forFeature([Customer, CustomerClosure]), AccountsModule, SettingsModule, SchedulesModule, TagsModule],
  controllers: [CustomersController, CustomerSchedulesController],
  providers: [
    CustomersService,
    CustomerListService,
    CustomerListRepository,
    CustomerPatchService,
    CustomerScopeService,
    CustomerHierarchyRepository,
    CustomerRepository,
    CustomerInfoLoader,
    ScheduleResolverService,
    ScheduleStateService,
  ],
  exports: [CustomerScopeService, CustomerHierarchyRepository, CustomersService, CustomerPatchService],
})
export class CustomersModule {}
