import { ArrayMaxSize, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListRequestDto } from '../../common/paging/list-request.dto';
import { QueryArray, QueryBoolean } from '../../common/validation/query-transforms';

/** Lists customers the caller may see (ListCustomers) */
export class ListCustomersDto extends ListRequestDto {
  /** Only customers of these accounts */
  @IsOptional()
  @QueryArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  accountIds?: string[];

  /** Case-insensitive substring of the name */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameFilter?: string;

  /** Only customers below these parents: all descendants, or direct children with shallowParent */
  @IsOptional()
  @QueryArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  parentCustomerIds?: string[];

  /** With parentCustomerIds: only direct children */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  shallowParent?: boolean;

  /** Only customers carrying all of these tags */
  @IsOptional()
  @QueryArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  tagIds?: string[];

  /** Exact reference ID */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  referenceId?: string;
}
