import { IsId } from '../../common/validation/dto-decorators';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsStruct } from '../../common/struct/struct.validator';
import type { Struct } from '../../common/struct/struct.types';
import { IsOmittable } from '../../common/validation/optional.decorators';
import { IsOptional } from 'class-validator';

/** Creates a new customer */
export class NewCustomerDto {
  /** The account ID to associate this customer with. Defaults to the parent's account, or the caller's only account. */
  @IsOptional()
  @IsId()
  accountId?: string | null;

  /** The name of the customer */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** The parent customer for this customer; empty for a root customer */
  @IsOptional()
  @IsId()
  parentCustomerId?: string | null;

  /** The reference ID for this customer (e.g. in a third party system); unique within the account */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  referenceId?: string | null;

  /** Data values for this customer */
  @IsOmittable()
  @IsStruct()
  data?: Struct;
}
