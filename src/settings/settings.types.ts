export const BILLING_ITEMS = [
  'base',
  'localNumbers',
  'tollFreeNumbers',
  'inboundVoiceCalls',
  'outboundVoiceCalls',
  'inboundFaxes',
  'outboundFaxes',
  'inboundSmsMessages',
  'outboundSmsMessages',
  'aiInsights',
  'aiLiveMinutes',
] as const;

export type BillingItemName = (typeof BILLING_ITEMS)[number];

export interface BillingItem {
  baseCost: number;
  rawUnitMultiplier: number;
  unitCost: number;
  allowance: number;
}

export type BillingSettings = Record<BillingItemName, BillingItem>;

export interface AppSettings {
  enablePhoneNumberManagement: boolean;
  enableDeviceManagement: boolean;
  enableDialer: boolean;
  enableCallHistory: boolean;
  enableAssistants: boolean;
  showFileNameInMessageCenter: boolean;
  chakraTheme: string;
  customCss: string;
  pageTitle: string;
  stringMappings: string;
  logoutUrl: string;
  portMyNumberUrl: string;
}

export const APP_SETTING_FLAGS = [
  'enablePhoneNumberManagement',
  'enableDeviceManagement',
  'enableDialer',
  'enableCallHistory',
  'enableAssistants',
  'showFileNameInMessageCenter',
] as const;

export const APP_SETTING_TEXTS = ['chakraTheme', 'customCss', 'pageTitle', 'stringMappings', 'logoutUrl', 'portMyNumberUrl'] as const;
