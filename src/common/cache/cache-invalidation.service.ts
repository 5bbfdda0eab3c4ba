import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { reconnectingRedisClient, RedisClient } from '../../auth/redis-client';
import { authConfig, AuthConfig } from '../../config/auth.config';
import { PrincipalCache, PrincipalChange } from '../../auth/principal-cache';
import type { CustomerInfo } from '../../customers/dto/customer-info.dto';
import { GenerationCache } from './generation-cache';

/** How long a change waits for the other instances to confirm it. */
const ACK_WAIT_MS = 2000;
/** Each instance sends itself a heartbeat this often, through Redis, behind every change before it. */
const BEAT_MS = 100;
/**
 * The caches answer only while a heartbeat sent less than this ago has come back: a subscription
 * that stalls without breaking turns them off before a change's writer, waiting ACK_WAIT_MS for
 * the stalled instance's confirmation, gives up and answers its client.
 */
const LIVE_MS = 1000;

/**
 * A change that cached answers must not outlive: a caller's (see PrincipalChange), or any change
 * to existing customers' details (names, moves, settings, schedules, tags, accounts, deletions).
 */
export type CacheChange = PrincipalChange | { kind: 'customers' };

export const changeChannel = (prefix: string): string => `${prefix}:changes`;

/**
 * Tells every instance that a caller ended or changed (logout, password, roles, links, deletions)
 * or that customers changed, through Redis pub/sub on REDIS_URL. The caches are on only while this
 * instance's subscription is up: without Redis, or while it is away, every request reads its
 * session and its customers from the database, as it must for a change elsewhere to bite at once.
 */
@Injectable()
export class CacheInvalidation implements OnApplicationShutdown {
  /** Callers by session. */
  readonly principals = new PrincipalCache(() => this.live());
  /** Customers' details by id (GetCustomer, a list page's, a new customer's parent), at most 30 s each. */
  readonly customerInfos = new GenerationCache<CustomerInfo>(10_000, 30_000, () => this.live());
  private readonly logger = new Logger('Caches');
  /** When the latest heartbeat this instance has heard back was sent (its own clock). */
  private heardUpTo = 0;
  private wasLive = false;
  /** Set once a silence was reported, so its end is reported too. */
  private silent = false;
  private beats?: NodeJS.Timeout;
  private readonly channel: string;
  private publisher?: RedisClient;
  private subscriber?: RedisClient;
  /** Set once subscribed: a reconnect re-subscribes before it is 'ready' again. */
  private subscribed = false;
  private readonly instanceId = randomUUID();
  /** Changes this instance announced, waiting for every subscriber to say it applied them. */
  private readonly awaiting = new Map<string, { got: number; needed: number; done: () => void }>();

  constructor(@Inject(authConfig.KEY) cfg: AuthConfig) {
    this.channel = changeChannel(cfg.redisKeyPrefix);
    if (!cfg.redisUrl) return;
    this.publisher = reconnectingRedisClient(cfg.redisUrl);
    this.subscriber = reconnectingRedisClient(cfg.redisUrl);
    this.publisher.on('error', () => undefined);
    // The subscription is what makes the cache safe: it goes off with it, and comes back empty.
    this.subscriber.on('error', (err: Error) => this.lost(err.message));
    this.subscriber.on('end', () => this.lost('connection closed'));
    this.subscriber.on('ready', () => this.subscribed && this.back());
    void this.publisher.connect().catch(() => undefined);
    void this.subscriber
      .connect()
      .then(() =>
        Promise.all([
          this.subscriber!.subscribe(this.channel, (message: string) => this.receive(message)),
          this.subscriber!.subscribe(this.ackChannel(this.instanceId), (nonce: string) => this.acked(nonce)),
        ]),
      )
      .then(() => {
        this.subscribed = true;
        this.setEnabled(true);
        this.beats = setInterval(() => this.beat(), BEAT_MS).unref();
        this.logger.log('Subscribed to changes: callers and customers are cached between requests.');
      })
      .catch((err: Error) =>
        this.logger.warn(`No Redis subscription (${err.message}): callers and customers are read from the database on every request.`),
      );
  }

  /**
   * After the change committed: forget here at once, tell the others, and return once every
   * subscribed instance has said it forgot too (or after ACK_WAIT_MS), so that the client's next
   * request, wherever it lands, is judged by the database.
   */
  async changed(change: CacheChange): Promise<void> {
    this.apply(change);
    if (!this.publisher) return;
    const nonce = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    // Registered before publishing: an acknowledgement may arrive before PUBLISH's own answer.
    const all = new Promise<boolean>((resolve) => {
      this.awaiting.set(nonce, { got: 0, needed: Infinity, done: () => resolve(true) });
      timer = setTimeout(() => resolve(false), ACK_WAIT_MS);
    });
    try {
      const receivers = await this.publisher.publish(this.channel, JSON.stringify({ change, from: this.instanceId, nonce }));
      this.count(nonce, 0, receivers);
      if (!(await all)) this.logger.warn(`Not every instance confirmed a ${change.kind} change within ${ACK_WAIT_MS} ms.`);
    } catch (err) {
      // The others then keep an entry at most for the cache's backstop.
      this.logger.warn(`Could not tell other instances about a ${change.kind} change (${(err as Error).message}).`);
    } finally {
      clearTimeout(timer);
      this.awaiting.delete(nonce);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.beats);
    for (const client of [this.subscriber, this.publisher]) {
      if (client?.isOpen) await client.close().catch(() => undefined);
      else client?.destroy();
    }
  }

  /** Logged once each way, however many reconnection attempts lie between. */
  private lost(reason: string): void {
    const wasOn = this.principals.enabled;
    this.setEnabled(false);
    if (wasOn) this.logger.warn(`Redis subscription lost (${reason}): callers and customers are read from the database on every request.`);
  }

  private back(): void {
    this.setEnabled(true);
    this.logger.log('Redis subscription is back: callers and customers are cached again.');
  }

  private setEnabled(on: boolean): void {
    this.principals.setEnabled(on);
    this.customerInfos.setEnabled(on);
  }

  /** A caller deleted with their customer ('all') may mean customers went too: both caches forget. */
  private apply(change: CacheChange): void {
    if (change.kind !== 'customers') this.principals.apply(change);
    if (change.kind === 'customers' || change.kind === 'all') this.customerInfos.forget();
  }

  private receive(message: string): void {
    let parsed: { change?: CacheChange; from?: unknown; nonce?: unknown } = {};
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      // forget everything rather than guess
    }
    const change = parsed.change;
    const known =
      change &&
      (change.kind === 'all' ||
        change.kind === 'customers' ||
        ((change.kind === 'session' || change.kind === 'user') && typeof change.id === 'string'));
    this.apply(known ? change : { kind: 'all' });
    if (typeof parsed.from === 'string' && typeof parsed.nonce === 'string') {
      void this.publisher?.publish(this.ackChannel(parsed.from), parsed.nonce).catch(() => undefined);
    }
  }

  private acked(nonce: string): void {
    if (nonce.startsWith('beat:')) this.heardUpTo = Math.max(this.heardUpTo, Number(nonce.slice(5)) || 0);
    else this.count(nonce, 1);
  }

  /** Every change published before a heartbeat reaches this subscriber before the heartbeat does. */
  private live(): boolean {
    return Date.now() - this.heardUpTo < LIVE_MS;
  }

  private beat(): void {
    if (this.publisher?.isReady) void this.publisher.publish(this.ackChannel(this.instanceId), `beat:${Date.now()}`).catch(() => undefined);
    const live = this.live();
    if (!live && this.wasLive && this.principals.enabled) {
      this.silent = true;
      this.logger.warn(`No heartbeat back from Redis for ${LIVE_MS} ms: callers and customers are read from the database.`);
    } else if (live && this.silent) {
      this.silent = false;
      this.logger.log('Heartbeats from Redis are back: callers and customers are cached again.');
    }
    this.wasLive = live;
  }

  private count(nonce: string, more: number, needed?: number): void {
    const waiting = this.awaiting.get(nonce);
    if (!waiting) return;
    waiting.got += more;
    if (needed !== undefined) waiting.needed = needed;
    if (waiting.got >= waiting.needed) waiting.done();
  }

  private ackChannel(instanceId: string): string {
    return `${this.channel}:ack:${instanceId}`;
  }
}

/** For a process without the app (the admin CLI): tells the running instances, then disconnects. */
export async function announcePrincipalChange(url: string, prefix: string, change: PrincipalChange): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.publish(changeChannel(prefix), JSON.stringify({ change }));
  } finally {
    await client.close();
  }
}
