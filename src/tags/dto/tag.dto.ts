import { IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListRequestDto } from '../../common/paging/list-request.dto';
import { IsOmittable } from '../../common/validation/optional.decorators';
import { QueryIdList, IsId } from '../../common/validation/dto-decorators';
import { TagColor } from '../tag-color.enum';

/** Creates a tag in an account (NewTag) */
export class NewTagDto {
  /** Defaults to the caller's only account */
  @IsOptional()
  @IsId()
  accountId?: string | null;

  /** Unique within the account */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @IsEnum(TagColor)
  color: TagColor;
}

/** Changes a tag (PatchTag) */
export class PatchTagDto {
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @IsOmittable()
  @IsEnum(TagColor)
  color?: TagColor;
}

/** Lists tags of the caller's accounts (ListTags) */
export class ListTagsDto extends ListRequestDto {
  @QueryIdList()
  accountIds?: string[];

  /** Case-insensitive substring of the name */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameFilter?: string;
}
