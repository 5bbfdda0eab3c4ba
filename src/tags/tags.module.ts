import { Module } from '@nestjs/common';
import { CustomerTagsService } from './customer-tags.service';

@Module({ providers: [CustomerTagsService], exports: [CustomerTagsService] })
export class TagsModule {}
