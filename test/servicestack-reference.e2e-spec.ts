import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiClient } from './support/api-client';
import { loginAdmin } from './support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
// The platform's own metadata page for NewCustomer (a copy of ../shared/reference/, kept with the tests that hold us to it).
const SEED = readFileSync(join(__dirname, 'fixtures/platform/new-customer-operation.txt'), 'utf8');
const cli = (tool: string, args: string[], cwd: string) =>
  run(bin(tool), args, { cwd, env: { ...process.env, SERVICESTACK_TELEMETRY_OPTOUT: '1' }, timeout: 60_000 });

/** `class Name` / `enum Name` → property name → C# type, from C# source. */
function csharpClasses(source: string): Map<string, Map<string, string>> {
  const classes = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of source.split('\n')) {
    const head = /public (?:partial )?(?:class|enum) (\w+)/.exec(line);
    if (head) classes.set(head[1], (current = new Map()));
    const prop = /public virtual (\S+) (\w+) \{ get; set; \}/.exec(line);
    if (prop && current) current.set(prop[2], prop[1]);
    const member = /^\s*(\w+),\s*$/.exec(line);
    if (member && current) current.set(member[1], 'enum member');
  }
  return classes;
}

/** Every key path of a JSON value (`billingSettings.base.baseCost`, `tags[].color`). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? keyPaths(value[0], `${prefix}[]`) : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)]);
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('Add ServiceStack Reference: typed DTOs and metadata (e2e)', () => {
  let app: TestApp;
  let api: ApiClient;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    api = app.api;
    dir = mkdtempSync(join(tmpdir(), 'voice-ssref-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  });
  afterAll(async () => {
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('typescript-ref generates DTOs that compile under tsc --strict and drive JsonServiceClient through every kind of operation', async () => {
    const saved = await cli('typescript-ref', [app.baseUrl, 'dtos.ts'], dir);
    expect(saved.stdout).toContain('Saved to: dtos.ts');
    copyFileSync(join(__dirname, 'fixtures/servicestack-client/program.ts'), join(dir, 'program.ts'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', outDir: 'out', skipLibCheck: true, types: ['node'] },
        files: ['program.ts', 'dtos.ts'],
      }),
    );
    const compiled = await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: dir, timeout: 120_000 }).catch((err: { stdout: string }) => err);
    expect(compiled.stdout).toBe('');
    const { stdout } = await run(process.execPath, [join(dir, 'out/program.js'), app.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD], {
      timeout: 60_000,
    });
    const seen = JSON.parse(stdout);
    expect(seen).toMatchObject({
      fetchedName: 'Typed client customer',
      fetchedData: { plan: { stringValue: 'gold' } },
      patchedName: 'Typed client customer, renamed',
      patchedRules: 1,
      listedIds: [seen.id],
      listedTotal: 1,
      refusal: 'NotEmpty',
      deleted: true,
      goneStatus: 'NotFound',
    });
    // What the typed client did is what the API holds.
    expect((await api.get(`/customers/${seen.id}`, { token: await loginAdmin(api) })).status).toBe(404);
  });

  it('typescript-ref updates an existing file with the options its header names', async () => {
    await cli('typescript-ref', [app.baseUrl, 'filtered.dtos.ts'], dir);
    const file = join(dir, 'filtered.dtos.ts');
    const original = readFileSync(file, 'utf8');
    expect(original).toContain('export class NewTag implements');
    writeFileSync(
      file,
      original
        .replace('//IncludeTypes: \n', 'IncludeTypes: GetCustomer.*\n')
        .replace('//AddServiceStackTypes: True', 'AddServiceStackTypes: True'),
    );
    const updated = await cli('typescript-ref', ['filtered.dtos.ts'], dir);
    expect(updated.stdout).toContain('Updated: filtered.dtos.ts');
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('IncludeTypes: GetCustomer.*\n');
    expect(source).toContain('export class GetCustomer implements IReturn<CustomerInfo>, IGet');
    expect(source).toContain('export class CustomerInfo extends EntityInfo');
    expect(source).toContain('export enum TagColors');
    expect(source).not.toContain('class NewTag');
    expect(source).not.toContain('class ListCustomers');
  });

  it("csharp-ref generates every class and property of the platform's NewCustomer page, with its names and types", async () => {
    const saved = await cli('csharp-ref', [app.baseUrl, 'dtos.cs'], dir);
    expect(saved.stdout).toContain('Saved to: dtos.cs');
    const ours = csharpClasses(readFileSync(join(dir, 'dtos.cs'), 'utf8'));
    const seed = csharpClasses(SEED);
    expect(seed.size).toBeGreaterThan(15);
    for (const [name, properties] of seed) {
      expect({ name, found: ours.has(name) }).toEqual({ name, found: true });
      for (const [property, type] of properties)
        expect({ name, property, type: ours.get(name)!.get(property) }).toEqual({ name, property, type });
    }
    const source = readFileSync(join(dir, 'dtos.cs'), 'utf8');
    expect(source).toContain('    public partial class CustomerInfo\n        : EntityInfo');
    expect(source).toContain('    public partial class Struct\n        : Dictionary<string, Value>');
    expect(source).toContain('    [Route("/customers", "POST")]\n    [RequiresAnyRole("SystemAdministrator", "Manager", "Customer")]');
    for (const ns of [
      'Voice.Api',
      'Voice.Api.Accounts',
      'Voice.Api.Customers',
      'Voice.Api.Flows.Data',
      'Voice.Api.Scheduling',
      'Voice.Api.Settings',
    ])
      expect(source).toContain(`namespace ${ns}\n{`);
  });

  it("shows NewCustomer's metadata page as the platform does: roles, route, C# DTOs and samples with every property", async () => {
    const res = await fetch(`${app.baseUrl}/json/metadata?op=NewCustomer`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = decode(await res.text());
    expect(text).toContain('Requires any of the roles: <b>SystemAdministrator, Manager, Customer</b>');
    expect(text).toContain('<tr><td>POST</td><td>/customers</td></tr>');
    expect(text).toContain('public partial class NewCustomer');
    const samples = [...text.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]);
    const request = samples.find((s) => s.startsWith('POST /customers HTTP/1.1'))!;
    const response = samples.find((s) => s.startsWith('HTTP/1.1 200 OK'))!;
    expect(JSON.parse(request.split('\n').pop()!)).toEqual(JSON.parse(/\{"accountId"[^\n]*\}/.exec(SEED)![0]));
    const seedResponse = JSON.parse(SEED.slice(SEED.indexOf('Content-Length: length {') + 'Content-Length: length '.length).trim());
    const ourKeys = new Set(keyPaths(JSON.parse(response.split('\n').pop()!)));
    for (const key of keyPaths(seedResponse)) expect({ key, shown: ourKeys.has(key) }).toEqual({ key, shown: true });
    // Every operation has its page, in JSON and CSV; an unknown one is a ServiceStack-shaped 404.
    const index = await (await fetch(`${app.baseUrl}/metadata`)).text();
    const metadata = (await (await fetch(`${app.baseUrl}/types/metadata`)).json()) as { operations: { request: { name: string } }[] };
    for (const { request: op } of metadata.operations) {
      expect(index).toContain(`/json/metadata?op=${op.name}"`);
      expect((await fetch(`${app.baseUrl}/csv/metadata?op=${op.name}`)).status).toBe(200);
    }
    const unknown = await api.get('/json/metadata?op=NoSuchOperation');
    expect(unknown.status).toBe(404);
    expect(unknown.body.responseStatus.errorCode).toBe('NotFound');
  });

  it('lists every operation with its routes, verbs and roles in /types/metadata, public like ServiceStack', async () => {
    const res = await api.get('/types/metadata');
    expect(res.status).toBe(200);
    const ops = new Map<string, any>(res.body.operations.map((o: any) => [o.request.name, o]));
    const openapi = (await api.get('/openapi.json')).body;
    const declared = new Set(
      Object.values(openapi.paths).flatMap((item: any) => Object.values(item).map((o: any) => String(o.operationId).split('_')[0])),
    );
    declared.delete('GetHealth');
    expect([...ops.keys()].sort()).toEqual([...declared].sort());
    expect(ops.get('NewAccount')).toMatchObject({
      routes: [{ path: '/accounts', verbs: 'POST' }],
      requiresAnyRole: ['SystemAdministrator'],
    });
    expect(ops.get('SetCustomerStagingMode')).toMatchObject({ requiresAnyRole: ['SystemAdministrator', 'Manager'] });
    expect(ops.get('Authenticate')).toMatchObject({ requiresAuth: false });
    expect(ops.get('Authenticate').routes).toEqual(
      expect.arrayContaining([
        { path: '/auth', verbs: 'POST' },
        { path: '/auth', verbs: 'GET' },
      ]),
    );
    const types = new Map<string, any>(res.body.types.map((t: any) => [t.name, t]));
    expect(types.get('CustomerInfo')).toMatchObject({ namespace: 'Voice.Api.Customers', inherits: { name: 'EntityInfo' } });
    expect(types.get('CustomerInfo').properties).toEqual(
      expect.arrayContaining([
        { name: 'AccountId', type: 'String', isRequired: true, description: 'The ID of the account associated with this customer' },
      ]),
    );
    expect(types.get('TagColors')).toMatchObject({ isEnum: true, enumNames: expect.arrayContaining(['Magenta', 'GeekBlue']) });
  });

  it('hides every metadata route when METADATA_PAGES=false', async () => {
    const hidden = await startTestApp({ METADATA_PAGES: 'false' });
    try {
      for (const path of ['/metadata', '/json/metadata?op=NewCustomer', '/types/typescript', '/types/csharp', '/types/metadata']) {
        const res = await hidden.api.get(path);
        expect({ path, status: res.status, code: res.body?.responseStatus?.errorCode }).toEqual({ path, status: 404, code: 'NotFound' });
      }
    } finally {
      await hidden.stop();
    }
  });
});
