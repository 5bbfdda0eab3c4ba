import { expectServiceStackError } from './support/json-shape';
import { createUser, startWorld, World } from './support/factories';
import { hostileCorpus, HostileRequest } from './support/hostile-corpus';
import { TestApp } from './support/test-app';

/**
 * The costliest schedule the API accepts, from 1900: 90 windows a day from a Minutely rule, the
 * rest of the day budget in rare rules, and COUNT rules that spend the whole walk budget.
 */
const WORST_SCHEDULE = {
  timeZoneId: 'America/New_York',
  defaultState: 'Closed',
  rules: [
    {
      simpleRuleType: 'Time',
      state: 'Open',
      startDate: '1900-01-01',
      startTime: '00:00',
      endTime: '00:20',
      frequency: 'Minutely',
      interval: 16,
    },
    ...Array.from({ length: 4 }, (_, i) => ({
      simpleRuleType: 'Time',
      state: `Rare${i}`,
      priority: -1,
      startDate: '1900-01-01',
      startTime: '09:00',
      endTime: '10:00',
      frequency: 'Monthly',
      byMonth: [2],
      byMonthDay: [29],
      byDay: [{ dayOfWeek: 'Monday' }],
      bySetPosition: [1],
    })),
    {
      simpleRuleType: 'Time',
      state: 'Eve',
      startDate: '1900-01-01',
      startTime: '18:00',
      endTime: '06:00',
      frequency: 'Daily',
      count: 5,
      byMonth: [12],
      byMonthDay: [31],
    },
    { simpleRuleType: 'Time', state: 'Leap', startDate: '1904-02-29', isAllDay: true, frequency: 'Yearly', byYearDay: [60] },
  ],
};

/** An error body in the format the client asked for: JSON, or CSV for a client that accepts only CSV. */
function errorBody(contentType: string, text: string): unknown {
  if (!contentType.includes('csv')) return JSON.parse(text);
  const [header, row] = text.trim().split('\r\n');
  expect(header).toBe('errorCode,message,errors');
  const [errorCode, message] = row.split(',');
  return { responseStatus: { errorCode, message, errors: [] } };
}

describe('Hostile input: every refusal is a ServiceStack-shaped 4xx (e2e)', () => {
  let app: TestApp;
  let w: World;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ app, w } = await startWorld());
    const tag = await app.api.post('/tags', { accountId: w.accountA.id, name: 'vip', color: 'Magenta' }, { token: w.admin });
    const user = await createUser(app.api, w.admin, { accountId: w.accountA.id, roles: ['Manager'] });
    ids = { '{c}': w.rootA.id, '{a}': w.accountA.id, '{t}': tag.body.id, '{u}': user.id };
  });
  afterAll(() => app.stop());

  const send = (r: HostileRequest) => {
    const path = r.path.replace(/\{[catu]\}/g, (m) => ids[m]);
    const headers: Record<string, string> = { ...r.headers };
    if (!r.anonymous) headers.authorization = `Bearer ${w.admin}`;
    if (r.rawBody !== undefined) headers['content-type'] = r.contentType ?? 'application/json';
    return fetch(`${app.baseUrl}${path}`, { method: r.method, headers, body: r.rawBody });
  };

  const corpus = hostileCorpus();

  it('has at least 200 hostile requests', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
  });

  it.each(corpus.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const res = await send(r);
    const text = await res.text();
    // The answer travels with the check, so a failure shows what came back.
    expect({ is4xx: res.status >= 400 && res.status < 500, status: res.status, text: text.slice(0, 300) }).toEqual({
      is4xx: true,
      status: res.status,
      text: expect.any(String),
    });
    expectServiceStackError(errorBody(res.headers.get('content-type') ?? '', text));
    // Nothing the client sent comes back at length (a 5,000-character path is not echoed).
    expect(text.length).toBeLessThan(1000);
  });

  it('accepts the costliest schedule the limits allow, and /health answers while such requests run', async () => {
    const customer = w.rootA.id;
    const heavy = () =>
      app.api.post(
        `/customers/${customer}/test-schedule`,
        { schedule: WORST_SCHEDULE, dateTime: '2199-06-01T12:00:00Z' },
        { token: w.admin },
      );
    const wide = () =>
      send({ name: 'wide', method: 'POST', path: '/auth/credentials', anonymous: true, rawBody: `{${'"k":1,'.repeat(150_000)}"z":1}` });
    const stored = await app.api.patch(`/customers/${customer}`, { schedule: WORST_SCHEDULE }, { token: w.admin });
    expect(stored.status).toBe(200);

    let running = true;
    const load = Promise.all([
      ...Array.from({ length: 10 }, heavy),
      ...Array.from({ length: 10 }, wide),
      ...Array.from({ length: 10 }, () => app.api.get(`/customers/${customer}/schedule-state?at=1901-01-01T00:00:00Z`, { token: w.admin })),
    ]).finally(() => (running = false));
    const health: number[] = [];
    do {
      // A liveness bound, not a speed measurement: a blocked event loop would miss it by seconds.
      const res = await fetch(`${app.baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
      health.push(res.status);
    } while (running);
    const results = await load;
    expect(results.slice(0, 10).map((r) => (r as { status: number }).status)).toEqual(Array(10).fill(200));
    expect(results.slice(10, 20).map((r) => (r as Response).status)).toEqual(Array(10).fill(400));
    expect(results.slice(20).map((r) => (r as { status: number }).status)).toEqual(Array(10).fill(200));
    expect(health.every((s) => s === 200)).toBe(true);
  });
});
