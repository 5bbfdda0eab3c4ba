import { IsBoolean, IsOptional } from 'class-validator';
import { QueryBoolean } from '../../common/validation/query-transforms';

export class DeleteCustomerQuery {
  /** Also delete every descendant */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  cascade?: boolean;
}
