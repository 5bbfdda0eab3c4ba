#!/usr/bin/env node
// `npm start` builds only when a source changed since the last build, and drops compiled files
// whose source is gone (a deleted migration must not run from a stale dist/). The TypeScript build
// itself is incremental (tsconfig "incremental", dist/.tsbuildinfo kept between builds).
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, rmSync, utimesSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist/.tsbuildinfo');
const inputs = ['src', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];

function* files(path) {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) return yield path;
  for (const entry of readdirSync(path)) yield* files(join(path, entry));
}

function pruneOrphans() {
  for (const file of files(join(root, 'dist'))) {
    const m = /^(.*)\.js(\.map)?$/.exec(relative(join(root, 'dist'), file));
    if (m && !existsSync(join(root, `${m[1]}.ts`))) rmSync(file);
  }
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const stale = inputs.some((input) => [...files(join(root, input))].some((f) => statSync(f).mtimeMs > built));
pruneOrphans();
if (stale || process.argv.includes('--force')) {
  try {
    execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], { cwd: root, stdio: 'inherit' });
  } catch (err) {
    // The compiler has said what is wrong.
    process.exit(err.status ?? 1);
  }
  // tsc leaves its build info untouched when no output changed; the stamp must still move on.
  if (existsSync(stamp)) utimesSync(stamp, new Date(), new Date());
}
