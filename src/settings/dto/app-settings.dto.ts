import { ServiceStackType } from '../../compat/metadata/service-stack-names';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/optional.decorators';

/** Portal settings. Properties left out keep the values currently in force. */
@ServiceStackType({ namespace: 'Voice.Api.Customers' })
export class AppSettingsDto {
  @IsOmittable() @IsBoolean() enablePhoneNumberManagement?: boolean;
  @IsOmittable() @IsBoolean() enableDeviceManagement?: boolean;
  @IsOmittable() @IsBoolean() enableDialer?: boolean;
  @IsOmittable() @IsBoolean() enableCallHistory?: boolean;
  @IsOmittable() @IsBoolean() enableAssistants?: boolean;
  @IsOmittable() @IsBoolean() showFileNameInMessageCenter?: boolean;
  /** Chakra UI theme name. */
  @IsOmittable() @IsString() @MaxLength(100) chakraTheme?: string;
  @IsOmittable() @IsString() @MaxLength(60000) customCss?: string;
  @IsOmittable() @IsString() @MaxLength(200) pageTitle?: string;
  @IsOmittable() @IsString() @MaxLength(60000) stringMappings?: string;
  @IsOmittable() @IsString() @MaxLength(2000) logoutUrl?: string;
  @IsOmittable() @IsString() @MaxLength(2000) portMyNumberUrl?: string;
}
