import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PostgresEventStore, type EventFilter, type Subscription } from '@serang/eventstore';
import { ensureTopic, fromKafkaMessage, retryUntilStopped, topicOf } from '@serang/messaging';
import type { Clock } from '@serang/platform';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { GatewayConfig } from './gateway.config';
import { REVOCATION_MEMORY_MS, type RevokedSessions } from './revoked-sessions';

/** Feeds RevokedSessions from identity's SessionRevoked events; `caughtUp` gates readiness. */
export interface RevocationFeed {
  readonly caughtUp: boolean;
  stop(): Promise<void>;
}

const SESSION_REVOKED = 'SessionRevoked';
// People's sessions and agency systems' sessions: both are revoked with SessionRevoked on their own stream.
const FILTER: EventFilter = { categories: ['person', 'agencysystem'], types: [SESSION_REVOKED] };
const PAGE = 500;

/**
 * The feed of the configured bus: Kafka when EVENT_BUS=kafka, else the event store when
 * DATABASE_URL is set; undefined (revocations wait for token expiry) when neither is.
 */
export function startRevocationFeed(config: GatewayConfig, revoked: RevokedSessions, clock: Clock, log: Logger): RevocationFeed | undefined {
  const record = (data: unknown) => {
    const { sessionId, revokedAt } = (data ?? {}) as { sessionId?: unknown; revokedAt?: unknown };
    if (typeof sessionId === 'string' && typeof revokedAt === 'string') revoked.revoke(sessionId, new Date(revokedAt), clock.now());
  };
  if (config.EVENT_BUS === 'kafka' && config.KAFKA_BROKERS)
    return new KafkaRevocationFeed(config.KAFKA_BROKERS, config.KAFKA_PARTITIONS, config.KAFKA_NAMESPACE, record, log).start();
  if (config.DATABASE_URL) return new StoreRevocationFeed(config.DATABASE_URL, record, log).start();
  log.warn('neither DATABASE_URL nor EVENT_BUS=kafka is configured: revoked sessions are not rejected before their access tokens expire');
  return undefined;
}

/** Default mode: a catch-up read of the last 16 minutes of revocations, then a live subscription. */
class StoreRevocationFeed implements RevocationFeed {
  caughtUp = false;
  private stopped = false;
  private store?: PostgresEventStore;
  private subscription?: Subscription;
  private running?: Promise<void>;

  constructor(
    private readonly databaseUrl: string,
    private readonly record: (data: unknown) => void,
    private readonly log: Logger,
  ) {}

  start(): this {
    this.running = this.run();
    return this;
  }

  private run(): Promise<void> {
    return retryUntilStopped(() => this.connectAndCatchUp(), {
      isRunning: () => !this.stopped,
      baseMs: 200,
      onFailure: async (e) => {
        this.log.warn({ error: String(e) }, 'revocation feed: event store unavailable; retrying');
        await this.store?.close().catch(() => undefined);
        this.store = undefined;
      },
    });
  }

  private async connectAndCatchUp(): Promise<void> {
    let last = await this.startPosition();
    this.store = await PostgresEventStore.connect({ connectionString: this.databaseUrl, poolSize: 2 });
    // Our own catch-up read: a subscription does not say when it has caught up, readiness must.
    for (;;) {
      if (this.stopped) return;
      const page = await this.store.readAll({ after: last, filter: FILTER, maxCount: PAGE });
      for (const e of page) this.record(e.data);
      if (page.length > 0) last = page[page.length - 1].position;
      if (page.length < PAGE) break;
    }
    this.caughtUp = true;
    this.subscription = this.store.subscribeAll({ after: last, filter: FILTER }, async (events) => {
      for (const e of events) this.record(e.data);
    });
  }

  /**
   * Where the catch-up starts: the last `person` event recorded before the memory window (plus a
   * minute for recorded_at, which is its transaction's start, not quite in position order). A
   * backwards walk of the (category, position) index that stops at the first old event: its cost
   * is the person events of the last 17 minutes, not the whole history (starting from 0 would
   * read every revocation ever made).
   */
  private async startPosition(): Promise<bigint> {
    const db = new Client({ connectionString: this.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ position: string }>(
        `select position from eventstore.events where category = 'person' and recorded_at < now() - make_interval(secs => $1) order by position desc limit 1`,
        [(REVOCATION_MEMORY_MS + 60_000) / 1000],
      );
      return BigInt(rows[0]?.position ?? '0');
    } catch (e) {
      // 42P01: no event store yet (nothing was ever appended): start from the beginning.
      if ((e as { code?: string }).code === '42P01') return 0n;
      throw e;
    } finally {
      await db.end().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.subscription?.stop();
    await this.store?.close();
  }
}

/**
 * Kafka mode: identity's topic from the beginning, in a consumer group of this process alone (every
 * replica must see every revocation), committing nothing; caught up once every partition has been
 * read to the end it had when the feed started.
 */
class KafkaRevocationFeed implements RevocationFeed {
  caughtUp = false;
  private stopped = false;
  private consumer?: Consumer;
  private readonly kafka: Kafka;
  private readonly topic: string;
  private readonly groupId: string;
  private running?: Promise<void>;

  constructor(
    brokers: string,
    private readonly partitions: number,
    namespace: string,
    private readonly record: (data: unknown) => void,
    private readonly log: Logger,
  ) {
    this.topic = topicOf('identity', namespace);
    this.groupId = `${namespace}.gateway.revocations.${hostname()}.${process.pid}.${randomUUID()}`;
    this.kafka = new Kafka({
      clientId: 'gateway',
      brokers: brokers.split(',').map((b) => b.trim()),
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => log.warn({ kafka: entry.log }, `kafka: ${entry.log.message}`),
    });
  }

  start(): this {
    this.running = this.run();
    return this;
  }

  private run(): Promise<void> {
    return retryUntilStopped(() => this.consume(), {
      isRunning: () => !this.stopped,
      baseMs: 200,
      onFailure: async (e) => {
        this.log.warn({ error: String(e) }, 'revocation feed: Kafka unavailable; retrying');
        await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = undefined;
      },
    });
  }

  private async consume(): Promise<void> {
    await ensureTopic(this.kafka, this.topic, this.partitions);
    // The end of each partition now: reading past it means every earlier revocation is known.
    const pending = new Map<number, bigint>();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const o of await admin.fetchTopicOffsets(this.topic)) if (BigInt(o.high) > BigInt(o.low)) pending.set(o.partition, BigInt(o.high));
    } finally {
      await admin.disconnect();
    }
    if (pending.size === 0) this.caughtUp = true;
    if (this.stopped) return;
    // A short long-poll: disconnecting waits for the fetch in flight, and shutdown should be quick.
    const consumer = (this.consumer = this.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 1000 }));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.log.error({ error: String(payload.error), restarting: payload.restart }, 'revocation feed: consumer crashed');
      if (!payload.restart && !this.stopped) setTimeout(() => void this.restart(), 1000);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          // Only revocations are decoded; identity's other events are skipped by their header.
          if (m.headers?.ce_type?.toString() !== SESSION_REVOKED) continue;
          try {
            this.record(fromKafkaMessage(m).data);
          } catch (e) {
            this.log.error({ error: String(e), offset: m.offset, partition: batch.partition }, 'revocation feed: undecodable SessionRevoked skipped');
          }
        }
        const end = pending.get(batch.partition);
        if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) {
          pending.delete(batch.partition);
          if (pending.size === 0) this.caughtUp = true;
        }
      },
    });
  }

  /** After a non-retriable crash: the same group, nothing committed, so it reads from the start again. */
  private async restart(): Promise<void> {
    if (this.stopped) return;
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
