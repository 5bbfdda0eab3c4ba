import { Role } from '../common/auth/role.enum';
import { PrincipalCache } from './principal-cache';

const caller = (sessionId: string, userId = 'u1') => ({
  userId,
  sessionId,
  email: `${userId}@example.com`,
  firstName: null,
  lastName: null,
  roles: [Role.Manager],
  accountIds: ['a1'],
  customerId: null,
});

describe('PrincipalCache', () => {
  const now = 1_000_000;
  let cache: PrincipalCache;
  beforeEach(() => {
    cache = new PrincipalCache();
    cache.setEnabled(true);
  });

  it('answers nothing while off, and forgets everything when switched', () => {
    cache.storePrincipal(caller('s1'), now + 60_000, cache.generation, now);
    expect(cache.get('s1', now)).toEqual(caller('s1'));
    cache.setEnabled(false);
    expect(cache.get('s1', now)).toBeUndefined();
    cache.storePrincipal(caller('s1'), now + 60_000, cache.generation, now);
    cache.setEnabled(true);
    expect(cache.get('s1', now)).toBeUndefined();
  });

  it('refuses an answer read before a change that arrived meanwhile', () => {
    const readAt = cache.generation;
    cache.apply({ kind: 'session', id: 'other' });
    cache.storePrincipal(caller('s1'), now + 60_000, readAt, now);
    expect(cache.get('s1', now)).toBeUndefined();
  });

  it('forgets one session, every session of a user, or all', () => {
    for (const [s, u] of [
      ['s1', 'u1'],
      ['s2', 'u1'],
      ['s3', 'u2'],
      ['s4', 'u3'],
    ])
      cache.storePrincipal(caller(s, u), now + 60_000, cache.generation, now);
    cache.apply({ kind: 'session', id: 's4' });
    expect(cache.get('s4', now)).toBeUndefined();
    cache.apply({ kind: 'user', id: 'u1' });
    expect([cache.get('s1', now), cache.get('s2', now)]).toEqual([undefined, undefined]);
    expect(cache.get('s3', now)?.userId).toBe('u2');
    cache.apply({ kind: 'all' });
    expect(cache.size).toBe(0);
  });

  it('keeps an entry no longer than its session, nor than the 30 s backstop', () => {
    cache.storePrincipal(caller('short'), now + 5_000, cache.generation, now);
    cache.storePrincipal(caller('long'), now + 3_600_000, cache.generation, now);
    expect(cache.get('short', now + 4_999)).toBeDefined();
    expect(cache.get('short', now + 5_000)).toBeUndefined();
    expect(cache.get('long', now + 29_999)).toBeDefined();
    expect(cache.get('long', now + 30_000)).toBeUndefined();
  });
});
