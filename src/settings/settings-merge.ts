import type { AppSettingsDto } from './dto/app-settings.dto';
import type { BillingSettingsDto } from './dto/billing-settings.dto';
import { APP_SETTING_FLAGS, APP_SETTING_TEXTS, AppSettings, BILLING_ITEMS, BillingItem, BillingSettings } from './settings.types';

const zeroItem = (): BillingItem => ({ baseCost: 0, rawUnitMultiplier: 0, unitCost: 0, allowance: 0 });

export function defaultBillingSettings(): BillingSettings {
  return Object.fromEntries(BILLING_ITEMS.map((name) => [name, zeroItem()])) as BillingSettings;
}

export function defaultAppSettings(): AppSettings {
  return {
    enablePhoneNumberManagement: false,
    enableDeviceManagement: false,
    enableDialer: false,
    enableCallHistory: false,
    enableAssistants: false,
    showFileNameInMessageCenter: false,
    chakraTheme: '',
    customCss: '',
    pageTitle: '',
    stringMappings: '',
    logoutUrl: '',
    portMyNumberUrl: '',
  };
}

/** A patch applied over the settings in force: what the client left out stays as it was. */
export function mergeBillingSettings(current: BillingSettings, patch: BillingSettingsDto): BillingSettings {
  const out = defaultBillingSettings();
  for (const name of BILLING_ITEMS) out[name] = { ...current[name], ...stripUndefined(patch[name] ?? {}) };
  return out;
}

export function mergeAppSettings(current: AppSettings, patch: AppSettingsDto): AppSettings {
  const out = { ...current };
  for (const key of APP_SETTING_FLAGS) if (patch[key] !== undefined) out[key] = patch[key];
  for (const key of APP_SETTING_TEXTS) if (patch[key] !== undefined) out[key] = patch[key];
  return out;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
