import { ApiClient } from './support/api-client';
import { createAccount, createCustomer, loginAdmin } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((dayOfWeek) => ({ offset: 0, dayOfWeek }));

const businessHours = (timeZoneId: string, extra: object[] = []) => ({
  timeZoneId,
  defaultState: 'Closed',
  rules: [
    ...extra,
    {
      id: 'bh',
      name: 'Business Hours',
      simpleRuleType: 'Time',
      state: 'Open',
      priority: 10,
      startDate: '2026-01-05',
      startTime: '09:00',
      endTime: '17:00',
      frequency: 'Weekly',
      byDay: WEEKDAYS,
    },
  ],
});

const daily = (startTime: string, endTime: string, state: string, timeZoneId: string) => ({
  timeZoneId,
  defaultState: 'Day',
  rules: [{ name: state, simpleRuleType: 'Time', state, startDate: '2026-01-01', startTime, endTime, frequency: 'Daily' }],
});

// The process's own TZ must change no answer: the whole suite runs under two of them.
describe.each(['UTC', 'Pacific/Chatham'])('Schedules with the server process in TZ=%s (e2e)', (tz) => {
  let app: TestApp;
  let api: ApiClient;
  let admin: string;
  let customerId: string;

  beforeAll(async () => {
    app = await startTestApp({ TZ: tz });
    api = app.api;
    admin = await loginAdmin(api);
    const account = await createAccount(api, admin);
    customerId = (await createCustomer(api, admin, { accountId: account.id })).id;
  });
  afterAll(() => app?.stop());

  async function stateAt(schedule: object, dateTime: string, id = customerId) {
    const res = await api.post(`/customers/${id}/test-schedule`, { schedule, dateTime }, { token: admin });
    expect(res.status).toBe(200);
    return res.body as { stateName: string; timeZoneId: string; ruleId: string | null; ruleName: string | null };
  }
  const expectStates = async (schedule: object, cases: [string, string][]) => {
    const got = [];
    for (const [at] of cases) got.push([at, (await stateAt(schedule, at)).stateName]);
    expect(got).toEqual(cases);
  };

  it('Mon–Fri 09:00–17:00 in America/New_York, just before and after opening and closing', async () => {
    const s = businessHours('America/New_York');
    await expectStates(s, [
      ['2026-11-23T13:59:59Z', 'Closed'],
      ['2026-11-23T14:00:00Z', 'Open'],
      ['2026-11-23T21:59:59Z', 'Open'],
      ['2026-11-23T22:00:00Z', 'Closed'],
      ['2026-11-28T17:00:00Z', 'Closed'],
      ['2026-11-23T09:30', 'Open'],
      ['2026-11-23T10:00:00-05:00', 'Open'],
    ]);
    expect(await stateAt(s, '2026-11-23T15:00:00Z')).toEqual({
      stateName: 'Open',
      timeZoneId: 'America/New_York',
      ruleId: 'bh',
      ruleName: 'Business Hours',
    });
    expect(await stateAt(s, '2026-11-23T23:00:00Z')).toEqual({
      stateName: 'Closed',
      timeZoneId: 'America/New_York',
      ruleId: null,
      ruleName: null,
    });
  });

  it('a 22:00–06:00 overnight window', async () => {
    await expectStates(daily('22:00', '06:00', 'Night', 'UTC'), [
      ['2026-06-10T21:59:00Z', 'Day'],
      ['2026-06-10T22:00:00Z', 'Night'],
      ['2026-06-11T00:30:00Z', 'Night'],
      ['2026-06-11T05:59:00Z', 'Night'],
      ['2026-06-11T06:00:00Z', 'Day'],
    ]);
  });

  it('a holiday rule of higher priority wins over business hours', async () => {
    const holiday = {
      id: 'xmas',
      name: 'Christmas',
      simpleRuleType: 'Time',
      state: 'Holiday',
      priority: 1,
      isAllDay: true,
      startDate: '2026-12-25',
      frequency: 'Yearly',
    };
    const s = businessHours('America/New_York', [holiday]);
    expect(await stateAt(s, '2026-12-25T15:00:00Z')).toMatchObject({ stateName: 'Holiday', ruleId: 'xmas', ruleName: 'Christmas' });
    expect(await stateAt(s, '2026-12-26T04:59:00Z')).toMatchObject({ stateName: 'Holiday' });
    expect(await stateAt(s, '2026-12-24T15:00:00Z')).toMatchObject({ stateName: 'Open', ruleId: 'bh' });
    expect(await stateAt(s, '2027-12-25T15:00:00Z')).toMatchObject({ stateName: 'Holiday' });
    const lowPriority = businessHours('America/New_York', [{ ...holiday, priority: 50 }]);
    expect(await stateAt(lowPriority, '2026-12-25T15:00:00Z')).toMatchObject({ stateName: 'Open' });
  });

  it('forceClosed gives Closed whatever the rules say', async () => {
    expect(await stateAt({ ...businessHours('America/New_York'), forceClosed: true }, '2026-11-23T15:00:00Z')).toEqual({
      stateName: 'Closed',
      timeZoneId: 'America/New_York',
      ruleId: null,
      ruleName: null,
    });
  });

  it('inherit follows three levels up, then the account, then the empty default', async () => {
    const account = await createAccount(api, admin);
    const root = await createCustomer(api, admin, { accountId: account.id });
    const child = await createCustomer(api, admin, { parentCustomerId: root.id });
    const grand = await createCustomer(api, admin, { parentCustomerId: child.id });
    const empty = await api.get(`/customers/${grand.id}/inherited-schedule`, { token: admin });
    expect(empty.body).toEqual({ timeZoneId: 'UTC', inherit: false, forceClosed: false, rules: [], defaultState: 'Open' });

    expect(
      (await api.patch(`/accounts/${account.id}`, { schedule: daily('00:00', '12:00', 'Morning', 'Asia/Kolkata') }, { token: admin }))
        .status,
    ).toBe(200);
    expect((await stateAt(undefined as never, '2026-05-01T01:00:00Z', grand.id)).stateName).toBe('Morning');

    const patched = await api.patch(`/customers/${root.id}`, { schedule: businessHours('America/New_York') }, { token: admin });
    expect(patched.status).toBe(200);
    expect(patched.body.schedule.rules[0]).toMatchObject({
      id: 'bh',
      name: 'Business Hours',
      byDay: WEEKDAYS,
      frequency: 'Weekly',
      byHour: [],
      untilDate: null,
    });
    await api.patch(`/customers/${child.id}`, { schedule: { inherit: true, timeZoneId: 'Europe/London', rules: [] } }, { token: admin });
    const inherited = await api.get(`/customers/${grand.id}/inherited-schedule`, { token: admin });
    expect(inherited.body).toMatchObject({ timeZoneId: 'America/New_York', defaultState: 'Closed', rules: [{ id: 'bh' }] });
    expect((await stateAt(undefined as never, '2026-11-23T15:00:00Z', grand.id)).stateName).toBe('Open');
    expect((await stateAt(undefined as never, '2026-11-23T23:00:00Z', grand.id)).stateName).toBe('Closed');
    // a given schedule with inherit=true evaluates the parent's
    expect((await stateAt({ inherit: true }, '2026-11-23T15:00:00Z', grand.id)).stateName).toBe('Open');
  });

  it('a CustomerState rule follows the parent customer', async () => {
    const account = await createAccount(api, admin);
    const parent = await createCustomer(api, admin, { accountId: account.id });
    const child = await createCustomer(api, admin, { parentCustomerId: parent.id });
    expect((await api.patch(`/customers/${parent.id}`, { schedule: businessHours('America/New_York') }, { token: admin })).status).toBe(
      200,
    );
    const follow = {
      timeZoneId: 'UTC',
      defaultState: 'Away',
      rules: [{ name: 'Parent open', simpleRuleType: 'CustomerState', customerState: 'Open', state: 'Available' }],
    };
    expect((await stateAt(follow, '2026-11-23T15:00:00Z', child.id)).stateName).toBe('Available');
    expect((await stateAt(follow, '2026-11-23T23:00:00Z', child.id)).stateName).toBe('Away');
    await api.patch(`/customers/${child.id}`, { schedule: follow }, { token: admin });
    const state = await api.get(`/customers/${child.id}/schedule-state?at=2026-11-23T15:00:00Z`, { token: admin });
    expect(state.body).toMatchObject({ stateName: 'Available', nextChangeAt: '2026-11-23T22:00:00.000Z' });
  });

  it('spring-forward day in America/New_York: hours follow the new offset, a bound in the gap is read per RFC 5545', async () => {
    const s = businessHours('America/New_York');
    await expectStates(s, [
      ['2026-03-06T13:59:00Z', 'Closed'],
      ['2026-03-06T14:00:00Z', 'Open'],
      ['2026-03-09T12:59:00Z', 'Closed'],
      ['2026-03-09T13:00:00Z', 'Open'],
      ['2026-03-09T20:59:00Z', 'Open'],
      ['2026-03-09T21:00:00Z', 'Closed'],
    ]);
    // 01:00–02:30 on 8 March: 02:30 does not exist and is read with the offset before the gap (03:30 EDT).
    await expectStates(daily('01:00', '02:30', 'Early', 'America/New_York'), [
      ['2026-03-08T05:59:00Z', 'Day'],
      ['2026-03-08T06:00:00Z', 'Early'],
      ['2026-03-08T07:00:00Z', 'Early'],
      ['2026-03-08T07:29:00Z', 'Early'],
      ['2026-03-08T07:30:00Z', 'Day'],
    ]);
  });

  it('fall-back day in America/New_York: a window in the repeated hour matches both times', async () => {
    await expectStates(daily('01:00', '01:30', 'Twice', 'America/New_York'), [
      ['2026-11-01T04:59:00Z', 'Day'],
      ['2026-11-01T05:00:00Z', 'Twice'],
      ['2026-11-01T05:30:00Z', 'Day'],
      ['2026-11-01T06:00:00Z', 'Twice'],
      ['2026-11-01T06:29:00Z', 'Twice'],
      ['2026-11-01T06:30:00Z', 'Day'],
    ]);
    await expectStates(businessHours('America/New_York'), [
      ['2026-11-02T13:59:00Z', 'Closed'],
      ['2026-11-02T14:00:00Z', 'Open'],
    ]);
  });

  it('spring-forward and fall-back days in Europe/London', async () => {
    await expectStates(businessHours('Europe/London'), [
      ['2026-03-27T08:59:00Z', 'Closed'],
      ['2026-03-27T09:00:00Z', 'Open'],
      ['2026-03-30T07:59:00Z', 'Closed'],
      ['2026-03-30T08:00:00Z', 'Open'],
      ['2026-10-23T07:59:00Z', 'Closed'],
      ['2026-10-23T08:00:00Z', 'Open'],
      ['2026-10-26T08:59:00Z', 'Closed'],
      ['2026-10-26T09:00:00Z', 'Open'],
      ['2026-10-26T16:59:00Z', 'Open'],
      ['2026-10-26T17:00:00Z', 'Closed'],
    ]);
    // 00:30–01:30 on 29 March: 01:30 falls in the gap and is read as 01:30 GMT (02:30 BST).
    await expectStates(daily('00:30', '01:30', 'Late', 'Europe/London'), [
      ['2026-03-29T00:29:00Z', 'Day'],
      ['2026-03-29T00:30:00Z', 'Late'],
      ['2026-03-29T01:15:00Z', 'Late'],
      ['2026-03-29T01:30:00Z', 'Day'],
    ]);
  });

  it('Asia/Kolkata, whose offset is not a whole hour', async () => {
    await expectStates(businessHours('Asia/Kolkata'), [
      ['2026-11-23T03:29:00Z', 'Closed'],
      ['2026-11-23T03:30:00Z', 'Open'],
      ['2026-11-23T11:29:00Z', 'Open'],
      ['2026-11-23T11:30:00Z', 'Closed'],
    ]);
  });

  it('schedule-state gives the next change, within the documented horizon', async () => {
    const account = await createAccount(api, admin);
    const c = await createCustomer(api, admin, { accountId: account.id });
    // rule ids are the client's: the same id in another customer's schedule is fine
    expect((await api.patch(`/customers/${c.id}`, { schedule: businessHours('America/New_York') }, { token: admin })).status).toBe(200);
    const friday = await api.get(`/customers/${c.id}/schedule-state?at=2026-11-27T23:00:00Z`, { token: admin });
    expect(friday.body).toEqual({
      stateName: 'Closed',
      timeZoneId: 'America/New_York',
      ruleId: null,
      ruleName: null,
      nextChangeAt: '2026-11-30T14:00:00.000Z',
    });
    const monday = await api.get(`/customers/${c.id}/schedule-state?at=2026-11-30T15:00:00Z`, { token: admin });
    expect(monday.body).toMatchObject({ stateName: 'Open', nextChangeAt: '2026-11-30T22:00:00.000Z' });
    await api.patch(`/customers/${c.id}`, { schedule: { timeZoneId: 'UTC', rules: [], defaultState: 'Open' } }, { token: admin });
    expect((await api.get(`/customers/${c.id}/schedule-state?at=2026-11-30T15:00:00Z`, { token: admin })).body.nextChangeAt).toBeNull();
    expect((await api.get(`/customers/${c.id}/schedule-state?at=yesterday`, { token: admin })).status).toBe(400);
  });

  it('refuses invalid rules with a 400 naming the field, and stores nothing', async () => {
    const account = await createAccount(api, admin);
    const c = await createCustomer(api, admin, { accountId: account.id });
    expect((await api.patch(`/customers/${c.id}`, { schedule: businessHours('America/New_York') }, { token: admin })).status).toBe(200);
    const rule = businessHours('UTC').rules[0];
    const cases: [object, string][] = [
      [{ ...rule, frequency: 'Monthly', byDay: [], byWeekNo: [20] }, 'schedule.rules[0].byWeekNo'],
      [{ ...rule, byHour: [9, 24] }, 'schedule.rules[0].byHour[1]'],
      [{ ...rule, count: 5, untilDate: '2026-12-31' }, 'schedule.rules[0].count'],
      [{ ...rule, startTime: '25:00' }, 'schedule.rules[0].startTime'],
      [{ ...rule, endTime: '9am' }, 'schedule.rules[0].endTime'],
      [{ ...rule, startDate: '2026-02-30' }, 'schedule.rules[0].startDate'],
      [{ ...rule, frequency: 'Weekly', byMonthDay: [1] }, 'schedule.rules[0].byMonthDay'],
      [{ ...rule, frequency: 'Daily', byYearDay: [1] }, 'schedule.rules[0].byYearDay'],
      [{ ...rule, frequency: 'Weekly', byDay: [{ offset: 1, dayOfWeek: 'Monday' }] }, 'schedule.rules[0].byDay[0].offset'],
      [{ ...rule, byDay: [], bySetPosition: [1] }, 'schedule.rules[0].bySetPosition'],
      [{ ...rule, byMonthDay: [0] }, 'schedule.rules[0].byMonthDay[0]'],
      [{ ...rule, frequency: 'Fortnightly' }, 'schedule.rules[0].frequency'],
    ];
    for (const [bad, field] of cases) {
      const res = await api.patch(
        `/customers/${c.id}`,
        { name: 'Should not change', schedule: { timeZoneId: 'UTC', rules: [bad] } },
        { token: admin },
      );
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.responseStatus.errors.map((e: { fieldName: string }) => e.fieldName)).toContain(field);
    }
    const zone = await api.patch(`/customers/${c.id}`, { schedule: { timeZoneId: 'Mars/Olympus_Mons', rules: [] } }, { token: admin });
    expect(zone.status).toBe(400);
    expect(zone.body.responseStatus.errors[0].fieldName).toBe('schedule.timeZoneId');
    const test = await api.post(
      `/customers/${c.id}/test-schedule`,
      { schedule: { rules: [{ ...rule, byMinute: [60] }] }, dateTime: '2026-01-01T00:00:00Z' },
      { token: admin },
    );
    expect(test.status).toBe(400);
    expect(test.body.responseStatus.errors[0].fieldName).toBe('schedule.rules[0].byMinute[0]');
    const after = (await api.get(`/customers/${c.id}`, { token: admin })).body;
    expect(after.name).not.toBe('Should not change');
    expect(after.schedule).toMatchObject({ timeZoneId: 'America/New_York', rules: [{ id: 'bh' }] });
  });
});
