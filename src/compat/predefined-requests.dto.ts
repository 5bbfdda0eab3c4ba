import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PatchAccountDto } from '../accounts/dto/patch-account.dto';
import { PatchCustomerDto, SetCustomerStagingModeDto } from '../customers/dto/patch-customer.dto';
import { TestScheduleDto } from '../schedules/dto/schedule-requests.dto';
import { PatchTagDto } from '../tags/dto/tag.dto';
import { PatchUserDto } from '../users/dto/patch-user.dto';

// Request DTOs of the predefined routes whose path parameters travel in the body.

export class PatchCustomerRequest extends PatchCustomerDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  customerId: string;
}

export class SetCustomerStagingModeRequest extends SetCustomerStagingModeDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  customerId: string;
}

export class TestScheduleRequest extends TestScheduleDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  customerId: string;
}

export class PatchAccountRequest extends PatchAccountDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  accountId: string;
}

export class PatchTagRequest extends PatchTagDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  tagId: string;
}

export class PatchUserRequest extends PatchUserDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  userId: string;
}
