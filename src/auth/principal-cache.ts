import type { Principal } from '../common/auth/principal';

/** What ends or changes a caller: one session, every session of a user, or everyone's (rare, broad changes). */
export type PrincipalChange = { kind: 'session'; id: string } | { kind: 'user'; id: string } | { kind: 'all' };

interface Entry {
  principal: Principal;
  /** The earlier of the session's end and the backstop below. */
  until: number;
}

/** However an invalidation could be missed (a publish lost with the Redis connection), an entry lives no longer than this. */
const BACKSTOP_MS = 30_000;
const MAX_ENTRIES = 20_000;

/**
 * Callers by session, so a request need not read its session, user and accounts every time. Only
 * switched on while every change reaches this instance (PrincipalInvalidation's subscription is
 * up). A load that began before a change must not store what it read: `generation` counts changes,
 * and `store` refuses an answer read under an older one.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private on = false;
  generation = 0;

  get(sessionId: string, now = Date.now()): Principal | undefined {
    if (!this.on) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.principal;
  }

  store(principal: Principal, sessionEnds: number, readAtGeneration: number, now = Date.now()): void {
    if (!this.on || readAtGeneration !== this.generation) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(principal.sessionId, { principal, until: Math.min(sessionEnds, now + BACKSTOP_MS) });
  }

  apply(change: PrincipalChange): void {
    this.generation++;
    if (change.kind === 'all') this.entries.clear();
    else if (change.kind === 'session') this.entries.delete(change.id);
    else for (const [sessionId, entry] of this.entries) if (entry.principal.userId === change.id) this.entries.delete(sessionId);
  }

  /** On while changes are known to arrive; starting or stopping forgets everything. */
  setEnabled(enabled: boolean): void {
    this.apply({ kind: 'all' });
    this.on = enabled;
  }

  get enabled(): boolean {
    return this.on;
  }

  get size(): number {
    return this.entries.size;
  }
}
