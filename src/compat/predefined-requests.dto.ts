import { IsNotEmpty } from 'class-validator';
import { IsId } from '../common/validation/dto-decorators';
import { PatchAccountDto } from '../accounts/dto/patch-account.dto';
import { PatchCustomerDto, SetCustomerStagingModeDto } from '../customers/dto/patch-customer.dto';
import { TestScheduleDto } from '../schedules/dto/schedule-requests.dto';
import { PatchTagDto } from '../tags/dto/tag.dto';
import { PatchUserDto } from '../users/dto/patch-user.dto';

// Request DTOs of the predefined routes whose path parameters travel in the body.

export class PatchCustomerRequest extends PatchCustomerDto {
  @IsNotEmpty()
  @IsId()
  customerId: string;
}

export class SetCustomerStagingModeRequest extends SetCustomerStagingModeDto {
  @IsNotEmpty()
  @IsId()
  customerId: string;
}

export class TestScheduleRequest extends TestScheduleDto {
  @IsNotEmpty()
  @IsId()
  customerId: string;
}

export class PatchAccountRequest extends PatchAccountDto {
  @IsNotEmpty()
  @IsId()
  accountId: string;
}

export class PatchTagRequest extends PatchTagDto {
  @IsNotEmpty()
  @IsId()
  tagId: string;
}

export class PatchUserRequest extends PatchUserDto {
  @IsNotEmpty()
  @IsId()
  userId: string;
}
