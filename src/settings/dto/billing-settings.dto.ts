import { ServiceStackType, ServiceStackProperty } from '../../compat/metadata/service-stack-names';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { IsOmittable } from '../../common/validation/optional.decorators';

const MAX_AMOUNT = 1_000_000_000;

@ServiceStackType({ namespace: 'Voice.Api.Accounts' })
export class BillingItemDto {
  /** Fixed cost per billing period. */
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_AMOUNT)
  baseCost?: number;

  /** Multiplier applied to raw usage units before costing. */
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_AMOUNT)
  rawUnitMultiplier?: number;

  /** Cost per unit beyond the allowance. */
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_AMOUNT)
  unitCost?: number;

  /** Units included before unit costs apply. */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  allowance?: number;
}

function item(): PropertyDecorator {
  return (target, key) => {
    IsOmittable()(target, key);
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(() => BillingItemDto)(target, key);
  };
}

/** Billing settings. Items or fields left out keep the values currently in force. */
@ServiceStackType({ namespace: 'Voice.Api.Accounts' })
export class BillingSettingsDto {
  @item() base?: BillingItemDto;
  @item() localNumbers?: BillingItemDto;
  @item() tollFreeNumbers?: BillingItemDto;
  @item() inboundVoiceCalls?: BillingItemDto;
  @item() outboundVoiceCalls?: BillingItemDto;
  @item() inboundFaxes?: BillingItemDto;
  @item() outboundFaxes?: BillingItemDto;
  @item() inboundSmsMessages?: BillingItemDto;
  @item() outboundSmsMessages?: BillingItemDto;
  @item() @ServiceStackProperty({ csharpName: 'AIInsights' }) aiInsights?: BillingItemDto;
  @item() @ServiceStackProperty({ csharpName: 'AILiveMinutes' }) aiLiveMinutes?: BillingItemDto;
}
