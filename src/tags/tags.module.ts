import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CustomerTagsService } from './customer-tags.service';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [AccountsModule],
  controllers: [TagsController],
  providers: [CustomerTagsService, TagsService],
  exports: [CustomerTagsService, TagsService],
})
export class TagsModule {}
