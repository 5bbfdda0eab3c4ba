import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListResponseOf } from '../common/paging/list-response-of';
import { CurrentUser, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/role.enum';
import { ListResponse } from '../common/paging/list-request.dto';
import { ListTagsDto, NewTagDto, PatchTagDto } from './dto/tag.dto';
import { TagInfo } from './dto/tag-info.dto';
import { TagsService } from './tags.service';

@ApiTags('Tags')
@ApiBearerAuth()
@Controller('tags')
@Roles(Role.SystemAdministrator, Role.Manager, Role.Customer)
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** Lists the tags of the caller's accounts (ListTags) */
  @Get()
  @ApiOkResponse({ type: ListResponseOf(TagInfo) })
  list(@CurrentUser() p: Principal, @Query() req: ListTagsDto): Promise<ListResponse<TagInfo>> {
    return this.tags.list(p, req);
  }

  /** Creates a tag (NewTag) */
  @Post()
  @HttpCode(200)
  create(@CurrentUser() p: Principal, @Body() dto: NewTagDto): Promise<TagInfo> {
    return this.tags.create(p, dto);
  }

  /** Renames or recolors a tag (PatchTag) */
  @Patch(':tagId')
  patch(@CurrentUser() p: Principal, @Param('tagId') tagId: string, @Body() dto: PatchTagDto): Promise<TagInfo> {
    return this.tags.patch(p, tagId, dto);
  }

  /** Deletes a tag and removes it from every customer (DeleteTag) */
  @Delete(':tagId')
  async delete(@CurrentUser() p: Principal, @Param('tagId') tagId: string): Promise<Record<string, never>> {
    await this.tags.delete(p, tagId);
    return {};
  }
}
