/**
 * Request bodies shown in Swagger UI: each is accepted by the API as it stands once the
 * placeholder ids are replaced with real ones (test/openapi.e2e-spec.ts sends every one).
 */
export const EXAMPLE_IDS = {
  accountId: '00000000-0000-4000-8000-0000000000a1',
  customerId: '00000000-0000-4000-8000-0000000000c1',
  parentCustomerId: '00000000-0000-4000-8000-0000000000c0',
  tagId: '00000000-0000-4000-8000-0000000000d1',
} as const;

/** The administrator the first start creates (README, Quick start); the password is the one it printed. */
export const EXAMPLE_LOGIN = { userName: 'admin@localhost', password: 'the password printed at first start' };

/** `data` is a Struct: each key holds one Value, written as an object with one of its kinds. */
export const EXAMPLE_DATA = {
  plan: { stringValue: 'gold' },
  seats: { numberValue: 25 },
  vip: { boolValue: true },
};

/** Business hours on weekdays in London, closed on Christmas Day. */
export const EXAMPLE_SCHEDULE = {
  timeZoneId: 'Europe/London',
  defaultState: 'Closed',
  rules: [
    {
      name: 'Christmas Day',
      priority: 0,
      simpleRuleType: 'Time',
      state: 'Closed',
      isAllDay: true,
      frequency: 'Yearly',
      startDate: '2026-12-25',
    },
    {
      name: 'Business hours',
      priority: 1,
      simpleRuleType: 'Time',
      state: 'Open',
      frequency: 'Weekly',
      byDay: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((dayOfWeek) => ({ dayOfWeek })),
      startDate: '2026-01-05',
      startTime: '09:00',
      endTime: '17:30',
    },
  ],
};

export const EXAMPLE_BILLING = {
  base: { baseCost: 49, allowance: 0 },
  localNumbers: { baseCost: 2, unitCost: 1.5, allowance: 5 },
  outboundVoiceCalls: { unitCost: 0.012, rawUnitMultiplier: 1, allowance: 1000 },
};

export const EXAMPLE_APP_SETTINGS = {
  enableDialer: true,
  enableCallHistory: true,
  pageTitle: 'Acme Telecom',
  chakraTheme: 'blue',
};
