import type { TestApp } from './test-app';

/** The log's length once it has stopped growing for 150 ms (the child's pipe may lag). */
async function settledOutputLength(app: TestApp): Promise<number> {
  let length = app.output().length;
  for (let still = 0; still < 6;) {
    await new Promise((r) => setTimeout(r, 25));
    const now = app.output().length;
    still = now === length ? still + 1 : 0;
    length = now;
  }
  return length;
}

/** What an app started with DATABASE_LOGGING=true logged while `run` ran (its queries among it). */
export async function queryLogFor(app: TestApp, run: () => Promise<unknown>): Promise<string> {
  const before = await settledOutputLength(app);
  await run();
  const after = await settledOutputLength(app);
  return app.output().slice(before, after);
}

/** Queries an app started with DATABASE_LOGGING=true ran for one request, read from its query log. */
export async function queriesFor(app: TestApp, run: () => Promise<unknown>): Promise<number> {
  return ((await queryLogFor(app, run)).match(/query: /g) ?? []).length;
}
