import { IsId } from '../../common/validation/dto-decorators';
import { ArrayMaxSize, IsArray, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../common/auth/role.enum';
import { IsOmittable } from '../../common/validation/optional.decorators';

/** Creates a user (SystemAdministrator, Manager) */
export class NewUserDto {
  /** The account the user works in; a Customer user's account is its customer's */
  @IsOptional()
  @IsId()
  accountId?: string | null;

  /** The login name; unique in the whole system, case-insensitively */
  @IsString()
  @IsNotEmpty()
  @IsEmail()
  @MaxLength(254)
  emailAddress: string;

  @IsOmittable()
  @IsString()
  @MaxLength(100)
  firstName?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(100)
  lastName?: string;

  /** At least 8 characters */
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  /** Defaults to ["Customer"] with a customerId, else ["Manager"] */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(Role, { each: true })
  roles?: Role[];

  /** For Customer users: the customer they are bound to */
  @IsOptional()
  @IsId()
  customerId?: string | null;
}
