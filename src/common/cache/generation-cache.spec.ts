import { GenerationCache } from './generation-cache';

describe('GenerationCache', () => {
  const now = 1_000_000;
  let cache: GenerationCache<{ id: string; account: string }>;
  beforeEach(() => {
    cache = new GenerationCache(3, 30_000);
    cache.setEnabled(true);
  });
  const put = (id: string, account = 'a1', at = cache.generation) => cache.store(id, { id, account }, at, Infinity, now);

  it('refuses a value read before a change, and keeps one read after it', () => {
    const readAt = cache.generation;
    cache.forget();
    put('c1', 'a1', readAt);
    expect(cache.get('c1', now)).toBeUndefined();
    put('c1');
    expect(cache.get('c1', now)).toEqual({ id: 'c1', account: 'a1' });
  });

  it('forgets what a change matches, or everything', () => {
    put('c1', 'a1');
    put('c2', 'a2');
    cache.forget((v) => v.account === 'a1');
    expect([cache.get('c1', now), cache.get('c2', now)?.id]).toEqual([undefined, 'c2']);
    cache.forget();
    expect(cache.size).toBe(0);
  });

  it('holds at most its size, the oldest going first, and nothing past the backstop', () => {
    for (const id of ['c1', 'c2', 'c3']) put(id);
    put('c3');
    expect(cache.size).toBe(3);
    put('c4');
    expect([cache.get('c1', now), cache.get('c4', now)?.id]).toEqual([undefined, 'c4']);
    expect(cache.get('c2', now + 30_000)).toBeUndefined();
  });

  it('answers nothing while off, and starts empty when switched on', () => {
    put('c1');
    cache.setEnabled(false);
    expect(cache.get('c1', now)).toBeUndefined();
    put('c1');
    cache.setEnabled(true);
    expect(cache.get('c1', now)).toBeUndefined();
  });
});
