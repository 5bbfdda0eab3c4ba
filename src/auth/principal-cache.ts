import type { Principal } from '../common/auth/principal';
import { GenerationCache } from '../common/cache/generation-cache';

/** What ends or changes a caller: one session, every session of a user, or everyone's (rare, broad changes). */
export type PrincipalChange = { kind: 'session'; id: string } | { kind: 'user'; id: string } | { kind: 'all' };

/** Callers by session, so a request need not read its session, user and accounts every time. */
export class PrincipalCache extends GenerationCache<Principal> {
  constructor(isLive?: () => boolean) {
    super(20_000, 30_000, isLive);
  }

  /** Kept until the session ends at the latest. */
  storePrincipal(principal: Principal, sessionEnds: number, readAtGeneration: number, now = Date.now()): void {
    this.store(principal.sessionId, principal, readAtGeneration, sessionEnds, now);
  }

  apply(change: PrincipalChange): void {
    if (change.kind === 'all') this.forget();
    else if (change.kind === 'session') this.forget((p) => p.sessionId === change.id);
    else this.forget((p) => p.userId === change.id);
  }
}
