import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../common/auth/role.enum';
import { IsOmittable } from '../../common/validation/optional.decorators';

/** Changes a user; only the properties present change */
export class PatchUserDto {
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  firstName?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(100)
  lastName?: string;

  @IsOmittable()
  @IsString()
  @IsEmail()
  @MaxLength(254)
  emailAddress?: string;

  /** A new password; ends every session of the user */
  @IsOmittable()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;

  /** SystemAdministrator only */
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsEnum(Role, { each: true })
  roles?: Role[];
}
