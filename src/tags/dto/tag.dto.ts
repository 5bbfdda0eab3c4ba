import { ArrayMaxSize, IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListRequestDto } from '../../common/paging/list-request.dto';
import { IsOmittable } from '../../common/validation/optional.decorators';
import { QueryArray } from '../../common/validation/query-transforms';
import { TagColor } from '../tag-color.enum';

/** Creates a tag in an account (NewTag) */
export class NewTagDto {
  /** Defaults to the caller's only account */
  @IsOptional()
  @IsString()
  @MaxLength(36)
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
  @IsOptional()
  @QueryArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  accountIds?: string[];

  /** Case-insensitive substring of the name */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameFilter?: string;
}
