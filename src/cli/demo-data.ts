import { EXAMPLE_SCHEDULE } from '../openapi/examples';

/** A small reseller's customers: a dental group with branches, a law firm, a bakery. */
export const DEMO_TAGS = [
  { name: 'VIP', color: 'Gold' },
  { name: 'Trial', color: 'Cyan' },
  { name: 'Churn risk', color: 'Red' },
];

interface DemoCustomer {
  name: string;
  parent?: string;
  referenceId: string;
  tags: string[];
  data?: object;
  schedule?: object;
}

const LATE_OPENING = {
  timeZoneId: 'America/New_York',
  defaultState: 'Closed',
  rules: [
    {
      name: 'Weekdays and Saturday morning',
      priority: 1,
      simpleRuleType: 'Time',
      state: 'Open',
      frequency: 'Weekly',
      byDay: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((dayOfWeek) => ({ dayOfWeek })),
      startDate: '2026-01-05',
      startTime: '07:00',
      endTime: '13:00',
    },
  ],
};

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    name: 'Acme Dental Group',
    referenceId: 'CRM-1001',
    tags: ['VIP'],
    data: { plan: { stringValue: 'gold' }, seats: { numberValue: 40 } },
    schedule: EXAMPLE_SCHEDULE,
  },
  { name: 'Acme Dental – Downtown', parent: 'Acme Dental Group', referenceId: 'CRM-1002', tags: ['VIP'] },
  { name: 'Acme Dental – Harbor', parent: 'Acme Dental Group', referenceId: 'CRM-1003', tags: ['VIP', 'Churn risk'] },
  {
    name: 'Riverside Legal',
    referenceId: 'CRM-2001',
    tags: ['Trial'],
    data: { plan: { stringValue: 'trial' }, seats: { numberValue: 5 } },
  },
  { name: 'Riverside Legal – Intake', parent: 'Riverside Legal', referenceId: 'CRM-2002', tags: ['Trial'] },
  { name: 'Sunrise Bakery', referenceId: 'CRM-3001', tags: [], data: { plan: { stringValue: 'basic' } }, schedule: LATE_OPENING },
];
