import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { changedRows, isUniqueViolation } from '../../database/sql';
import { appConfig, AppConfig } from '../../config/app.config';
import { ApiError } from '../errors/api-error';

export const IN_FLIGHT = (): ApiError =>
  new ApiError(409, 'IdempotencyKeyInFlight', 'A request with this Idempotency-Key is still running.');

export type Claim =
  /** `lease` fences the claim: the record is completed only while it still holds the lease it was claimed with. */
  | { kind: 'claimed'; id: string; lease: number }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

interface Row {
  id: string;
  fingerprint: string;
  state: string;
  response_status: number | null;
  response_body: string | null;
  locked_until: number | string;
  expires_at: number | string;
}

/** mysql2 answers BIGINT as a string, SQLite as a number. */
const time = (value: number | string): number => Number(value);
/** Expired records removed per claim: cleanup is bounded and rides along with the traffic. */
const CLEANUP_BATCH = 50;

/** How often keys that could not be freed (the database was down) are tried again. */
const RELEASE_RETRY_MS = 1000;

/** The idempotency records (README, "Safe retries"); one query per step. */
@Injectable()
export class IdempotencyStore implements OnApplicationShutdown {
  /** Keys whose request failed while the database was unreachable: freed as soon as it answers. */
  private readonly unreleased = new Map<string, number>();
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
    @Inject(appConfig.KEY) private readonly cfg: AppConfig,
  ) {}

  async claim(userId: string, keyHash: string, fingerprint: string, ttlMs: number): Promise<Claim> {
    await this.releaseStranded();
    await this.cleanup();
    for (let attempt = 0; attempt < 2; attempt++) {
      const now = Date.now();
      const lease = now + this.cfg.idempotencyLeaseMs;
      const id = randomUUID();
      try {
        await this.db.query(
          `INSERT INTO idempotency_keys (id, user_id, key_hash, fingerprint, state, locked_until, expires_at) VALUES (?, ?, ?, ?, 'running', ?, ?)`,
          [id, userId, keyHash, fingerprint, lease, now + ttlMs],
        );
        return { kind: 'claimed', id, lease };
      } catch (err) {
        if (!isUniqueViolation(err)) {
          // The INSERT may have landed with its answer lost: free it when the database is back.
          await this.release({ id, lease });
          throw err;
        }
      }
      const [row] = await this.db.query<Row[]>(
        'SELECT id, fingerprint, state, response_status, response_body, locked_until, expires_at FROM idempotency_keys WHERE user_id = ? AND key_hash = ?',
        [userId, keyHash],
      );
      if (!row) continue;
      if (time(row.expires_at) <= now) {
        await this.db.query('DELETE FROM idempotency_keys WHERE id = ?', [row.id]);
        continue;
      }
      if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (row.state === 'done')
        return { kind: 'replay', status: row.response_status ?? 200, body: JSON.parse(row.response_body ?? 'null') };
      if (time(row.locked_until) > now) return { kind: 'in-flight' };
      // The first request's instance (or its database node) died mid-way: this retry takes the key
      // over, if no other did first. Should the first still finish, its completion no longer holds
      // the lease and its transaction is rolled back (complete), so the work is done once.
      const taken = await changedRows(
        this.db.manager,
        `UPDATE idempotency_keys SET locked_until = ? WHERE id = ? AND state = 'running' AND locked_until = ?`,
        [lease, row.id, time(row.locked_until)],
      );
      if (taken === 1) return { kind: 'claimed', id: row.id, lease };
      return { kind: 'in-flight' };
    }
    return { kind: 'in-flight' };
  }

  /**
   * Records the response; inside the write's transaction when there is one. Refused (409, which
   * rolls that transaction back) when a retry has taken the key over since (its lease ran out).
   */
  async complete(claim: { id: string; lease: number }, status: number, body: unknown): Promise<void> {
    const done = await changedRows(
      this.tx.manager,
      `UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ? WHERE id = ? AND locked_until = ?`,
      [status, JSON.stringify(body ?? null), claim.id, claim.lease],
    );
    if (done !== 1) throw IN_FLIGHT();
  }

  /**
   * The request failed in a way a retry may fix (5xx): the key is free again. Only a key still
   * `running` is freed, so a write whose COMMIT did land (its record `done` in the same
   * transaction) is replayed rather than done twice. When the database cannot be reached to free
   * it, that is done as soon as it can: a client retrying after an outage must not wait out the lease.
   * Only while it still holds its lease: a key a retry has taken over meanwhile is that retry's.
   */
  async release(claim: { id: string; lease: number }): Promise<void> {
    this.unreleased.set(claim.id, claim.lease);
    await this.releaseStranded();
    if (this.unreleased.size && !this.retryTimer) {
      this.retryTimer = setInterval(() => void this.releaseStranded(), RELEASE_RETRY_MS).unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.retryTimer);
  }

  private async releaseStranded(): Promise<void> {
    if (!this.unreleased.size) return;
    const claims = [...this.unreleased];
    try {
      await this.db.query(
        `DELETE FROM idempotency_keys WHERE state = 'running' AND (${claims.map(() => '(id = ? AND locked_until = ?)').join(' OR ')})`,
        claims.flat(),
      );
      for (const [id] of claims) this.unreleased.delete(id);
      if (!this.unreleased.size) {
        clearInterval(this.retryTimer);
        this.retryTimer = undefined;
      }
    } catch {
      // Still unreachable: the timer tries again.
    }
  }

  private async cleanup(): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE id IN (SELECT id FROM (SELECT id FROM idempotency_keys WHERE expires_at < ? LIMIT ${CLEANUP_BATCH}) expired)`,
      [Date.now()],
    );
  }
}
