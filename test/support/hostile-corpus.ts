/**
 * Requests an attacker would send, across every route: bodies, paths, query strings, headers and
 * schedules. Each must be refused with a ServiceStack-shaped 4xx, never a 5xx or a hang.
 */
export interface HostileRequest {
  name: string;
  method: string;
  /** `{c}` is replaced by a real customer id, `{a}` by an account id, `{t}` a tag id, `{u}` a user id. */
  path: string;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Sent without the admin's token (the login routes, or to prove 401s are shaped too). */
  anonymous?: boolean;
}

const deepArray = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const wideObject = (n: number, extra: Record<string, unknown> = {}): string => {
  const keys = Array.from({ length: n }, (_, i) => `"k${i.toString(36)}":1`).join(',');
  const rest = Object.entries(extra).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `{${[...rest, keys].join(',')}}`;
};
const struct = (depth: number): unknown => (depth === 0 ? { stringValue: 'x' } : { structValue: { n: struct(depth - 1) } });

/** Bodies that no write route may accept, whatever its DTO. */
const HOSTILE_BODIES: [string, string, string?][] = [
  ['array nested 3000 deep', deepArray(3000)],
  ['object nested 3000 deep', deepObject(3000)],
  ['object nested 41 deep', deepObject(41)],
  ['600 unknown keys', wideObject(600)],
  ['120,000 keys in 1 MB', wideObject(110_000)],
  ['array of 5000 items', JSON.stringify({ name: 'x', tagIds: Array.from({ length: 5000 }, () => 'a') })],
  ['not JSON', '{"name": '],
  ['JSON array', '[1,2,3]'],
  ['JSON string', '"name"'],
  ['JSON null', 'null'],
  ['__proto__ key', '{"name":"x","__proto__":{"isAdmin":true}}'],
  ['constructor key', '{"name":"x","constructor":{"prototype":{"a":1}}}'],
  ['NUL in name', JSON.stringify({ name: 'a\u0000b', userName: 'a\u0000b', isStaging: true })],
  ['bidi override in name', JSON.stringify({ name: 'abc\u202Etxt.exe', userName: '\u202Ex', isStaging: true })],
  ['lone surrogate in name', '{"name":"\\ud800x","userName":"\\udc00","isStaging":true}'],
  ['string of 70,000 characters', JSON.stringify({ name: 'x'.repeat(70_000), userName: 'x'.repeat(70_000) })],
  ['data nested 20 Struct levels', JSON.stringify({ name: 'x', data: { a: struct(20) } })],
  ['form body with 600 keys', Array.from({ length: 600 }, (_, i) => `k${i}=1`).join('&'), 'application/x-www-form-urlencoded'],
  ['text/plain body', 'name=x', 'text/plain'],
  ['XML body', '<name>x</name>', 'application/xml'],
];

const WRITE_ROUTES: [string, string, boolean?][] = [
  ['POST', '/auth/credentials', true],
  ['POST', '/auth', true],
  ['POST', '/access-token', true],
  ['POST', '/accounts'],
  ['PATCH', '/accounts/{a}'],
  ['POST', '/customers'],
  ['PATCH', '/customers/{c}'],
  ['POST', '/customers/{c}/test-schedule'],
  ['POST', '/customers/{c}/staging'],
  ['POST', '/tags'],
  ['PATCH', '/tags/{t}'],
  ['POST', '/users'],
  ['PATCH', '/users/{u}'],
  ['POST', '/api/NewCustomer'],
];

const BAD_QUERIES = [
  'page=-1',
  'countPerPage=100000000',
  'sortField=__proto__',
  'sortField=constructor',
  '__proto__=1',
  'all=maybe',
  'specificIds=NOT-AN-ID',
  'nameFilter=%00',
  'nameFilter=%E2%80%AE',
  'page=1&page=2',
];

const LIST_ROUTES = ['/customers', '/accounts', '/tags', '/users', '/customers.csv'];

const BAD_PATHS: [string, string][] = [
  ['GET', '/customers/%zz'],
  ['GET', `/customers/${'a'.repeat(300)}`],
  ['GET', '/customers/%E0%A4%A'],
  ['GET', '/customers/..%2f..%2fetc%2fpasswd'],
  ['GET', '/customers/%00'],
  ['DELETE', '/accounts/%zz'],
  ['PATCH', `/tags/${'t'.repeat(500)}`],
  ['GET', `/users/${'%41'.repeat(200)}`],
  ['GET', '/json/reply/GetCustomer?customerId=%zz'],
  ['GET', `/nowhere/${'x'.repeat(5000)}`],
];

const minuteRule = (over: object) => ({
  simpleRuleType: 'Time',
  state: 'Open',
  startDate: '2000-01-01',
  startTime: '09:00',
  endTime: '09:01',
  frequency: 'Minutely',
  ...over,
});

/** Schedules that cannot be evaluated cheaply or correctly: each a 400 naming the field. */
const HOSTILE_RULES: [string, object][] = [
  ['Minutely from 2000', minuteRule({})],
  ['Secondly from 1900', minuteRule({ frequency: 'Secondly', startDate: '1900-01-01' })],
  ['interval -1', minuteRule({ frequency: 'Daily', interval: -1 })],
  ['interval 100000', minuteRule({ frequency: 'Daily', interval: 100000 })],
  ['count 10 million', minuteRule({ frequency: 'Daily', count: 10_000_000 })],
  ['count never reached', minuteRule({ frequency: 'Daily', count: 5, byMonth: [2], byMonthDay: [30] })],
  ['startDate in year 1', minuteRule({ frequency: 'Daily', startDate: '0001-01-01' })],
  ['untilDate in year 9999', minuteRule({ frequency: 'Daily', untilDate: '9999-12-31' })],
  ['Hourly every 24 h on an hour it never reaches', minuteRule({ frequency: 'Hourly', interval: 24, byHour: [5] })],
  ['Minutely every 60 min on a minute it never reaches', minuteRule({ frequency: 'Minutely', interval: 60, byMinute: [7] })],
  ['Minutely with byHour on Mondays', minuteRule({ frequency: 'Minutely', interval: 30, byHour: [9], byDay: [{ dayOfWeek: 'Monday' }] })],
  ['Hourly with bySetPosition', minuteRule({ frequency: 'Hourly', byMinute: [0, 30], bySetPosition: [1] })],
  ['Daily with 24×60 byHour/byMinute', minuteRule({ frequency: 'Daily', byHour: [...Array(24).keys()], byMinute: [...Array(60).keys()] })],
  ['byHour of 24', minuteRule({ frequency: 'Daily', byHour: [24] })],
  ['byDay offset with Daily', minuteRule({ frequency: 'Daily', byDay: [{ offset: 2, dayOfWeek: 'Monday' }] })],
  ['startTime 24:00', minuteRule({ frequency: 'Daily', startTime: '24:00' })],
  ['unknown zone', { timeZoneId: '../../etc/passwd' }],
  ['101 rules', { rules: Array.from({ length: 101 }, () => minuteRule({ frequency: 'Daily' })) }],
];

export function hostileCorpus(): HostileRequest[] {
  const out: HostileRequest[] = [];
  for (const [method, path, anonymous] of WRITE_ROUTES) {
    for (const [name, rawBody, contentType] of HOSTILE_BODIES) {
      out.push({ name: `${method} ${path}: ${name}`, method, path, rawBody, contentType, anonymous });
    }
  }
  for (const route of LIST_ROUTES)
    for (const q of BAD_QUERIES) out.push({ name: `GET ${route}?${q}`, method: 'GET', path: `${route}?${q}` });
  for (const [method, path] of BAD_PATHS) out.push({ name: `${method} ${path.slice(0, 60)}`, method, path });
  for (const [name, body] of HOSTILE_RULES) {
    const schedule = 'rules' in body || 'timeZoneId' in body ? body : { rules: [body] };
    const rawBody = JSON.stringify({ schedule, dateTime: '2026-03-02T10:00:00Z' });
    out.push({ name: `test-schedule: ${name}`, method: 'POST', path: '/customers/{c}/test-schedule', rawBody });
    out.push({ name: `PatchCustomer schedule: ${name}`, method: 'PATCH', path: '/customers/{c}', rawBody: JSON.stringify({ schedule }) });
  }
  for (const at of [
    '99999-01-01T00:00:00Z',
    '1066-10-14T09:00:00Z',
    'yesterday',
    '2026-13-45T25:61:00Z',
    `2026-01-01T00:00:00Z${'0'.repeat(100)}`,
  ]) {
    out.push({
      name: `schedule-state at=${at.slice(0, 30)}`,
      method: 'GET',
      path: `/customers/{c}/schedule-state?at=${encodeURIComponent(at)}`,
    });
  }
  const headerCases: [string, Record<string, string>][] = [
    ['Authorization garbage', { authorization: 'Bearer not.a.jwt' }],
    ['alg none token', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }],
    ['Basic credentials', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['Accept XML only', { accept: 'application/xml' }],
    ['huge cookie', { cookie: `ss-tok=${'x'.repeat(20_000)}` }],
    ['huge header', { 'x-filler': 'y'.repeat(20_000) }],
  ];
  for (const [name, headers] of headerCases) {
    out.push({ name: `GET /customers: ${name}`, method: 'GET', path: '/customers', headers, anonymous: true });
  }
  out.push({ name: 'query string of 20,000 bytes', method: 'GET', path: `/customers?${'a=1&'.repeat(5000)}` });
  return out;
}
