interface Entry<V> {
  value: V;
  /** The earlier of the value's own end and the cache's backstop. */
  until: number;
}

/**
 * Values by key, kept only while every change reaches this instance (CacheInvalidation switches it
 * with its Redis subscription). A load that began before a change must not store what it read:
 * `generation` counts changes, and `store` refuses a value read under an older one.
 */
export class GenerationCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private on = false;
  generation = 0;

  /**
   * @param maxEntries beyond it, the oldest entry goes
   * @param backstopMs however an invalidation could be missed (a publish lost with the Redis
   *   connection), an entry lives no longer than this
   * @param isLive whether every change announced until lately has reached this instance: while
   *   not, the cache neither answers nor stores (a subscription that stalls without breaking)
   */
  constructor(
    private readonly maxEntries: number,
    private readonly backstopMs: number,
    private readonly isLive: () => boolean = () => true,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    if (!this.on || !this.isLive()) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  store(key: string, value: V, readAtGeneration: number, ends = Infinity, now = Date.now()): void {
    if (!this.on || readAtGeneration !== this.generation || !this.isLive()) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until: Math.min(ends, now + this.backstopMs) });
  }

  /** Forgets the entries `matching` picks, or all; either way a load under way may not store. */
  forget(matching?: (value: V) => boolean): void {
    this.generation++;
    if (!matching) this.entries.clear();
    else for (const [key, entry] of this.entries) if (matching(entry.value)) this.entries.delete(key);
  }

  /** On while changes are known to arrive; starting or stopping forgets everything. */
  setEnabled(enabled: boolean): void {
    this.forget();
    this.on = enabled;
  }

  get enabled(): boolean {
    return this.on;
  }

  get size(): number {
    return this.entries.size;
  }
}
