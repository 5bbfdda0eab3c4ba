import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListRequestDto } from '../../common/paging/list-request.dto';
import { QueryIdList } from '../../common/validation/dto-decorators';
import { QueryBoolean } from '../../common/validation/query-transforms';

/** Lists customers the caller may see (ListCustomers) */
export class ListCustomersDto extends ListRequestDto {
  /** Only customers of these accounts */
  @QueryIdList()
  accountIds?: string[];

  /** Case-insensitive substring of the name */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameFilter?: string;

  /** Only customers below these parents: all descendants, or direct children with shallowParent */
  @QueryIdList()
  parentCustomerIds?: string[];

  /** With parentCustomerIds: only direct children */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  shallowParent?: boolean;

  /** Only customers carrying all of these tags */
  @QueryIdList(50)
  tagIds?: string[];

  /** Exact reference ID */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  referenceId?: string;
}
