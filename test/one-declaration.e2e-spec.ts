import { ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
/** Inside node_modules, so the compiled fixture resolves the project's packages. */
const OUT = join(ROOT, 'node_modules/.cache', `voice-throwaway-${process.pid}`);

/**
 * Compiles test/fixtures/throwaway-operation with the Swagger CLI plugin, as `nest build` compiles
 * the app (the plugin turns types and JSDoc into metadata), then serves it and prints its URL.
 */
const SERVE = `
require('reflect-metadata');
const path = require('path');
const ts = require('typescript');
const { before } = require('@nestjs/swagger/plugin');
const [root, outDir] = process.argv.slice(1);
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
const program = ts.createProgram([path.join(root, 'test/fixtures/throwaway-operation/widgets.module.ts')], {
  ...options, outDir, rootDir: root, incremental: false, tsBuildInfoFile: undefined, sourceMap: false,
});
const plugin = before({ introspectComments: true, classValidatorShim: true, dtoFileNameSuffix: ['.dto.ts'], controllerFileNameSuffix: ['.controller.ts'] }, program);
const { diagnostics } = program.emit(undefined, undefined, undefined, false, { before: [plugin] });
if (diagnostics.length) { console.error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost(options))); process.exit(1); }
require(path.join(outDir, 'test/fixtures/throwaway-operation/widgets.module.js')).serveWidgets().then((url) => console.log('URL ' + url));
`;

describe('One declaration per operation: a throwaway operation appears everywhere (e2e)', () => {
  let child: ChildProcess;
  let base: string;

  beforeAll(async () => {
    child = spawn(process.execPath, ['-e', SERVE, ROOT, OUT], { cwd: ROOT, env: { PATH: process.env.PATH } });
    let output = '';
    base = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        output += d;
        const url = /URL (\S+)/.exec(output)?.[1];
        if (url) resolve(url);
      });
      child.stderr!.on('data', (d) => (output += d));
      child.once('exit', (code) => reject(new Error(`fixture exited ${code}:\n${output}`)));
    });
  }, 120_000);
  afterAll(() => {
    child?.kill();
    rmSync(OUT, { recursive: true, force: true });
  });

  const text = async (path: string) => (await fetch(`${base}${path}`)).text();

  it('documents it in OpenAPI, with its JSDoc, its roles and its example', async () => {
    const doc = JSON.parse(await text('/openapi.json'));
    const op = doc.paths['/widgets'].post;
    expect(op.operationId).toBe('NewWidget');
    expect(op['x-roles']).toEqual([]);
    expect(op.requestBody.content['application/json'].example).toEqual({ sprockets: 3 });
    expect(doc.components.schemas.NewWidgetDto.properties.sprockets).toMatchObject({
      description: 'How many sprockets the widget has',
      minimum: 0,
    });
  });

  it("serves it at ServiceStack's predefined routes", async () => {
    for (const path of ['/widgets', '/api/NewWidget', '/json/reply/NewWidget']) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"sprockets":3}',
      });
      expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status: 200, body: { id: 'widget-1', sprockets: 3 } });
    }
  });

  it('writes it into the typed DTOs in TypeScript and C#, the metadata JSON and the metadata pages', async () => {
    const typescript = await text('/types/typescript');
    expect(typescript).toContain(
      '// @Route("/widgets", "POST")\n// @Api(Description="Makes a widget")\nexport class NewWidget implements IReturn<WidgetInfo>, IPost',
    );
    expect(typescript).toContain(
      '    /** @description How many sprockets the widget has */\n    // @ApiMember(Description="How many sprockets the widget has")\n    public sprockets?: number;',
    );
    const csharp = await text('/types/csharp');
    expect(csharp).toContain('namespace Voice.Api.Widgets');
    expect(csharp).toContain(
      '        [ApiMember(Description="What the widget is called on its label")]\n        public virtual string Label { get; set; }',
    );
    expect(csharp).toContain('        public virtual int Sprockets { get; set; }');
    const metadata = JSON.parse(await text('/types/metadata'));
    expect(metadata.operations).toEqual([
      expect.objectContaining({
        routes: [{ path: '/widgets', verbs: 'POST' }],
        response: { name: 'WidgetInfo', namespace: 'Voice.Api.Widgets' },
      }),
    ]);
    expect(await text('/metadata')).toContain('/json/metadata?op=NewWidget');
    expect(await text('/json/metadata?op=NewWidget')).toContain('{"sprockets":0,"label":"String"}');
  });
});
