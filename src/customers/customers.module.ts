import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { SchedulesModule } from '../schedules/schedules.module';
import { SettingsModule } from '../settings/settings.module';
import { TagsModule } from '../tags/tags.module';
import { CustomerHierarchyService } from './customer-hierarchy.service';
import { CustomerInfoLoader } from './customer-info.loader';
import { CustomerScopeService } from './customer-scope.service';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomerListService } from './customer-list.service';
import { CustomerPatchService } from './customer-patch.service';

@Module({
  imports: [AccountsModule, SettingsModule, SchedulesModule, TagsModule],
  controllers: [CustomersController],
  providers: [
    CustomersService,
    CustomerListService,
    CustomerPatchService,
    CustomerScopeService,
    CustomerHierarchyService,
    CustomerInfoLoader,
  ],
  exports: [CustomerScopeService, CustomerHierarchyService, CustomersService, CustomerPatchService],
})
export class CustomersModule {}
