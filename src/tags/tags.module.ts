import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tag } from './entities/tag.entity';
import { CustomerTag } from './entities/customer-tag.entity';
import { AccountsModule } from '../accounts/accounts.module';
import { TagRepository } from './tag.repository';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tag, CustomerTag]), AccountsModule],
  controllers: [TagsController],
  providers: [TagRepository, TagsService],
  exports: [TagRepository, TagsService],
})
export class TagsModule {}
