import { EXAMPLE_IDS } from '../openapi/examples';
import { Operation, PathParam } from '../compat/operation.decorator';
import { TAG_INFO_COLUMNS } from '../compat/csv-columns';
import { Body, Controller, HttpCode, Query } from '@nestjs/common';
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
@Controller()
@Roles(Role.SystemAdministrator, Role.Manager, Role.Customer)
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** Lists the tags of the caller's accounts (ListTags) */
  @Operation('GET', 'tags', 'ListTags', { columns: TAG_INFO_COLUMNS })
  @ApiOkResponse({ type: ListResponseOf(TagInfo) })
  list(@CurrentUser() p: Principal, @Query() req: ListTagsDto): Promise<ListResponse<TagInfo>> {
    return this.tags.list(p, req);
  }

  /** Creates a tag (NewTag) */
  @Operation('POST', 'tags', 'NewTag', {
    example: { accountId: EXAMPLE_IDS.accountId, name: 'VIP', color: 'Gold' },
    leavesCustomersUnchanged: true,
  })
  @HttpCode(200)
  create(@CurrentUser() p: Principal, @Body() dto: NewTagDto): Promise<TagInfo> {
    return this.tags.create(p, dto);
  }

  /** Renames or recolors a tag (PatchTag) */
  @Operation('PATCH', 'tags/:tagId', 'PatchTag', { example: { color: 'Red' } })
  patch(@CurrentUser() p: Principal, @PathParam('tagId') tagId: string, @Body() dto: PatchTagDto): Promise<TagInfo> {
    return this.tags.patch(p, tagId, dto);
  }

  /** Deletes a tag and removes it from every customer (DeleteTag) */
  @Operation('DELETE', 'tags/:tagId', 'DeleteTag')
  async delete(@CurrentUser() p: Principal, @PathParam('tagId') tagId: string): Promise<Record<string, never>> {
    await this.tags.delete(p, tagId);
    return {};
  }
}
