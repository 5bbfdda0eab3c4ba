import { cookiesOf } from './support/cookies';
import { createHmac } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { ApiClient } from './support/api-client';
import { createAccount, createUser, loginAdmin } from './support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Authentication (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let adminId: string;
  let sessionId: string;

  beforeAll(async () => {
    app = await startTestApp();
    api = app.api;
    const res = await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    adminId = res.body.userId;
    sessionId = res.body.sessionId;
  });
  afterAll(() => app?.stop());

  /** A token like the server's; `noExpiry` leaves exp out unless the claims carry one. */
  const sign = (claims: object, options: jwt.SignOptions = {}, noExpiry = false) =>
    jwt.sign({ sid: sessionId, ...claims }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      issuer: 'voice-api',
      audience: 'voice-api',
      subject: adminId,
      ...(noExpiry ? {} : { expiresIn: 300 }),
      ...options,
    });

  it('logs in by credentials with the ServiceStack response and cookies', async () => {
    const res = await api.post('/auth/credentials', { userName: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD, rememberMe: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      userId: expect.any(String),
      sessionId: expect.any(String),
      userName: ADMIN_EMAIL,
      displayName: 'System Administrator',
      bearerToken: expect.any(String),
      refreshToken: expect.any(String),
      roles: ['SystemAdministrator'],
    });
    const cookies = res.headers.getSetCookie();
    const tok = cookies.find((c) => c.startsWith('ss-tok='))!;
    expect(tok).toMatch(/HttpOnly/i);
    expect(tok).toMatch(/SameSite=Lax/i);
    expect(cookies.find((c) => c.startsWith('ss-id='))).toBeDefined();
    expect(cookies.find((c) => c.startsWith('ss-pid='))).toMatch(/Max-Age=\d+/);
  });

  it('POST /auth with provider credentials works too, other providers are a 400', async () => {
    const ok = await api.post('/auth', { provider: 'credentials', userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.bearerToken).toEqual(expect.any(String));
    const bad = await api.post('/auth', { provider: 'facebook', userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(bad.status).toBe(400);
    expect(bad.body.responseStatus.errors[0].fieldName).toBe('provider');
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrongPassword = await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: 'nope-nope-nope' });
    const unknownUser = await api.post('/auth/credentials', { userName: 'ghost@voice.test', password: 'nope-nope-nope' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body.responseStatus.errorCode).toBe('Unauthorized');
  });

  it('accepts the ss-tok cookie alone', async () => {
    const login = await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const status = await api.get('/auth/status', { cookie: cookiesOf(login) });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: adminId, isAuthenticated: true, emailAddress: ADMIN_EMAIL, roles: ['SystemAdministrator'] });
    const account = await api.post('/accounts', { name: 'Made with a cookie' }, { cookie: cookiesOf(login) });
    expect(account.status).toBe(200);
  });

  describe('refuses tokens with a 401', () => {
    const expect401 = async (token: string | undefined) => {
      const res = await api.get('/auth/status', token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body.responseStatus.errorCode).toBe('Unauthorized');
    };

    it('a valid token first passes, so the refusals below are about the token', async () => {
      expect((await api.get('/auth/status', { token: sign({}) })).status).toBe(200);
    });
    it('missing', () => expect401(undefined));
    it('expired', () => expect401(sign({ exp: Math.floor(Date.now() / 1000) - 10 }, {}, true)));
    it('tampered', () => {
      const [h, , s] = sign({}).split('.');
      return expect401(
        `${h}.${b64({ sub: adminId, sid: sessionId, aud: 'voice-api', iss: 'voice-api', exp: 4102444800, admin: true })}.${s}`,
      );
    });
    it('signed with another key', () =>
      expect401(jwt.sign({ sid: sessionId }, 'another-secret-another-secret-another', { subject: adminId, expiresIn: 60 })));
    it('alg none', () =>
      expect401(
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: adminId, sid: sessionId, aud: 'voice-api', iss: 'voice-api', exp: 4102444800 })}.`,
      ));
    it('wrong audience', () => expect401(sign({}, { audience: 'someone-else' })));
    it('wrong issuer', () => expect401(sign({}, { issuer: 'someone-else' })));
    it('without exp', () => expect401(sign({}, {}, true)));
    it('HS512 instead of the pinned HS256', () => expect401(sign({}, { algorithm: 'HS512' })));
    it('a hand-made HS256 token with the right key but no session', () => {
      const header = b64({ alg: 'HS256', typ: 'JWT' });
      const payload = b64({ sub: adminId, sid: 'no-such-session', aud: 'voice-api', iss: 'voice-api', exp: 4102444800 });
      const sig = createHmac('sha256', TEST_JWT_SECRET).update(`${header}.${payload}`).digest('base64url');
      return expect401(`${header}.${payload}.${sig}`);
    });
  });

  it('rotates refresh tokens: the new one works, the old one no longer does', async () => {
    const login = await api.post('/auth/credentials', { userName: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const first = await api.post('/access-token', { refreshToken: login.body.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect((await api.get('/auth/status', { token: first.body.accessToken })).status).toBe(200);
    const second = await api.post('/access-token', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    // Replaying a used token means it leaked: it fails, and so does the session it belonged to.
    const replay = await api.post('/access-token', { refreshToken: login.body.refreshToken });
    expect(replay.status).toBe(401);
    expect((await api.post('/access-token', { refreshToken: second.body.refreshToken })).status).toBe(401);
  });

  it('logout ends the session: its access token stops working', async () => {
    const token = await loginAdmin(api);
    expect((await api.get('/auth/status', { token })).status).toBe(200);
    expect((await api.post('/auth/logout', undefined, { token })).status).toBe(200);
    expect((await api.get('/auth/status', { token })).status).toBe(401);
  });

  it("stops a deleted user's tokens", async () => {
    const admin = await loginAdmin(api);
    const account = await createAccount(api, admin);
    const user = await createUser(api, admin, { accountId: account.id });
    expect((await api.get('/auth/status', { token: user.token })).status).toBe(200);
    expect((await api.delete(`/users/${user.id}`, { token: admin })).status).toBe(200);
    expect((await api.get('/auth/status', { token: user.token })).status).toBe(401);
  });

  it('sends security headers and forbids caching of API responses', async () => {
    const res = await api.get('/auth/status', { token: await loginAdmin(api) });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await api.get('/customers/x')).headers.get('cache-control')).toBe('no-store');
  });

  it('keeps health and the API docs public, and everything else protected', async () => {
    expect((await api.get('/health')).status).toBe(200);
    expect((await api.get('/openapi.json')).status).toBe(200);
    expect((await api.get('/swagger-ui')).status).toBe(200);
    for (const path of ['/customers/x', '/accounts', '/auth/status']) {
      expect((await api.get(path)).status).toBe(401);
    }
    expect((await api.post('/customers', { name: 'x' })).status).toBe(401);
    expect((await api.post('/users', {})).status).toBe(401);
  });
});
