import { MemoryRateLimitStore } from './rate-limit-store';

describe('MemoryRateLimitStore: a sliding window that holds its number', () => {
  let now = 0;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  const take = async (store: MemoryRateLimitStore, at: number) => {
    now = at;
    return (await store.take('k', 3, 60_000)).allowed;
  };

  it('lets no more than the limit through in any minute, across what a fixed window would call a boundary', async () => {
    const store = new MemoryRateLimitStore();
    const late = [await take(store, 59_000), await take(store, 59_500), await take(store, 59_900)];
    const early = [await take(store, 60_100), await take(store, 61_000), await take(store, 118_000)];
    expect(late).toEqual([true, true, true]);
    // A fixed one-minute window would have started over at 60,000 and let these through.
    expect(early).toEqual([false, false, false]);
    expect(await take(store, 119_001)).toBe(true);
  });

  it('says how long until the oldest counted hit leaves the window', async () => {
    const store = new MemoryRateLimitStore();
    for (const t of [1000, 2000, 3000]) await take(store, t);
    now = 10_000;
    expect(await store.take('k', 3, 60_000)).toEqual({ allowed: false, retryAfterMs: 51_000 });
  });

  it('does not record refused hits, so hammering does not extend the lockout', async () => {
    const store = new MemoryRateLimitStore();
    for (const t of [0, 1, 2]) await take(store, t);
    for (let t = 100; t < 60_000; t += 100) await take(store, t);
    expect(await take(store, 60_001)).toBe(true);
  });
});
