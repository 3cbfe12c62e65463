import { createPool, type GuardedPool } from '@serang/db';
import { Client } from 'pg';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult,
  Backlog,
  EventFilter,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { categoryOf } from '../stream-id';
import { Upcasters, type Upcaster } from '../upcasting';
import { AppendCoalescer } from './append-coalescer';
import { appendOneSql, notifyChannel, quoteIdent, schemaSql } from './schema';
import { PollingSubscription } from './polling-subscription';
import { DedicatedConnection } from './dedicated-connection';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the store's tables (default `eventstore`). */
  schema?: string;
  /** Connections for reads and subscriptions (appends use one connection of their own). */
  poolSize?: number;
  /** How long a read waits for a free connection before it fails as busy (default 5000 ms). */
  acquireTimeoutMs?: number;
  /** Names the pool in pg_stat_activity and errors (default `eventstore`). */
  name?: string;
  upcasters?: readonly Upcaster[];
  /** Fallback poll interval of subscriptions when no notification arrives (default 1000 ms). */
  pollIntervalMs?: number;
  /** Told of every append as it settles (metrics): no part of the append waits on it. */
  onAppend?: AppendObserver;
}

/** One settled append: its category, how many events, how long it took (queueing included), how it ended. */
export interface AppendOutcome {
  category: string;
  events: number;
  seconds: number;
  outcome: 'ok' | 'conflict' | 'error';
}
export type AppendObserver = (outcome: AppendOutcome) => void;

interface AppendRequest {
  /** stream id, category, expected revision, events */
  s: string;
  c: string;
  e: string;
  ev: readonly NewEvent[];
}

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

/** Cross-process wake-ups are sent at most this often (the latency they add is at most this). */
const NOTIFY_EVERY_MS = 10;

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/** The default EventStore adapter, on PostgreSQL (embedded locally, a real server in a cluster). */
export class PostgresEventStore implements EventStore {
  private readonly schema: string;
  private readonly table: string;
  private readonly pool: GuardedPool;
  private readonly appendConnection: DedicatedConnection;
  private readonly coalescer: AppendCoalescer<AppendRequest, AppendResult>;
  private readonly upcasters: Upcasters;
  private readonly appendOneText: string;
  private readonly appendSingleText: string;
  private readonly subscriptions = new Set<PollingSubscription>();
  private listener?: Client;
  private listenerStarting?: Promise<void>;
  private closed = false;
  private notifyTimer?: NodeJS.Timeout;
  private notifyInFlight = false;
  private notifyPending = false;
  private lastNotifyAt = 0;

  private constructor(private readonly opts: PostgresEventStoreOptions) {
    this.schema = opts.schema ?? 'eventstore';
    this.table = `${quoteIdent(this.schema)}.events`;
    this.pool = createPool({
      connectionString: opts.connectionString,
      name: opts.name ?? 'eventstore',
      max: opts.poolSize ?? 10,
      acquireTimeoutMs: opts.acquireTimeoutMs,
    });
    // Appends are a few fixed statements: plan them once per connection, not per call.
    this.appendConnection = new DedicatedConnection(opts.connectionString, 'set plan_cache_mode = force_generic_plan');
    // Idle pool clients that lose their server (a restart) emit errors: the next query reconnects.
    this.pool.on('error', () => undefined);
    this.coalescer = new AppendCoalescer(
      (batch) => this.appendBatch(batch),
      (r) => r.s,
    );
    this.upcasters = new Upcasters(opts.upcasters);
    this.appendOneText = appendOneSql(this.schema, false);
    this.appendSingleText = appendOneSql(this.schema, true);
  }

  /** Connects and creates the schema if needed (idempotent, safe to run from several processes). */
  static async connect(opts: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(opts);
    const client = await store.pool.connect();
    try {
      // Serialise concurrent migrations of the same schema across processes.
      await client.query('select pg_advisory_lock(hashtext($1))', [`eventstore:${store.schema}`]);
      try {
        await client.query(schemaSql(store.schema));
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', [`eventstore:${store.schema}`]);
      }
    } finally {
      client.release();
    }
    return store;
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    const category = categoryOf(streamId);
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    const appended = this.coalescer.submit({ s: streamId, c: category, e: String(expectedRevision), ev: events });
    const observe = this.opts.onAppend;
    if (!observe) return appended;
    const started = process.hrtime.bigint();
    const report = (outcome: AppendOutcome['outcome']) =>
      observe({ category, events: events.length, seconds: Number(process.hrtime.bigint() - started) / 1e9, outcome });
    appended.then(
      () => report('ok'),
      (e: unknown) => report(e instanceof WrongExpectedRevisionError ? 'conflict' : 'error'),
    );
    return appended;
  }

  private async appendBatch(batch: AppendRequest[]): Promise<Array<AppendResult | Error>> {
    if (batch.length === 1) {
      try {
        return [await this.appendOne(batch[0])];
      } catch (error) {
        // 23505: a concurrent commit slipped in before the lock (or a resent id): take the full path.
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
    const events = batch.flatMap((b) => b.ev);
    const { rows } = await this.appendConnection.query<{ idx: number; status: string; revision: string | null; last_position: string | null }>({
      name: `append_batch_${this.schema}`,
      text: `select idx, status, revision, last_position from ${quoteIdent(this.schema)}.append_batch($1, $2, $3, $4, $5, $6, $7, $8)`,
      values: [
        batch.map((b) => b.s),
        batch.map((b) => b.c),
        batch.map((b) => b.e),
        batch.map((b) => b.ev.length),
        events.map((e) => e.id),
        events.map((e) => e.type),
        JSON.stringify(events.map((e) => e.data ?? null)),
        JSON.stringify(events.map((e) => e.metadata)),
      ],
    });
    if (rows.some((r) => r.status === 'ok')) this.announceAppend();
    return batch.map((req, i) => {
      const row = rows[i];
      if (!row || row.idx !== i) return new Error(`append_batch answered out of order at ${i}`);
      if (row.status === 'ok') return { nextExpectedRevision: BigInt(row.revision!), position: BigInt(row.last_position!) };
      if (row.status === 'duplicate') return new DuplicateEventIdError(req.s);
      return new WrongExpectedRevisionError(req.s, parseExpected(req.e), BigInt(row.revision!));
    });
  }

  private async appendOne(req: AppendRequest): Promise<AppendResult> {
    const exact = req.e === 'any' || req.e === 'no_stream' || req.e === 'stream_exists' ? null : req.e;
    const single = req.ev.length === 1;
    const e0 = req.ev[0];
    const { rows } = await this.appendConnection.query<{ head: string; cur: string; inserted: number }>({
      name: `append_${single ? 'single' : 'one'}_${this.schema}`,
      text: single ? this.appendSingleText : this.appendOneText,
      values: single
        ? [req.s, req.c, exact === null ? req.e : 'exact', exact, e0.id, e0.type, JSON.stringify(e0.data ?? null), JSON.stringify(e0.metadata)]
        : [
            req.s,
            req.c,
            exact === null ? req.e : 'exact',
            exact,
            req.ev.map((e) => e.id),
            req.ev.map((e) => e.type),
            JSON.stringify(req.ev.map((e) => e.data ?? null)),
            JSON.stringify(req.ev.map((e) => e.metadata)),
          ],
    });
    const { head, cur, inserted } = rows[0];
    // A conflict may be a resend of events already stored: append_batch tells them apart.
    if (inserted === 0) throw Object.assign(new Error('fast path declined'), { code: '23505', cur });
    this.announceAppend();
    const n = BigInt(req.ev.length);
    return { nextExpectedRevision: BigInt(cur) + n, position: BigInt(head) + n };
  }

  /**
   * Wakes subscriptions after a commit: this store's at once, other processes' through NOTIFY.
   * The NOTIFY goes after the commit, on another connection, at most one per NOTIFY_EVERY_MS:
   * inside the append transaction it would serialise every commit on PostgreSQL's notify lock,
   * and one per append would cost a round trip per append.
   */
  private announceAppend(): void {
    this.subscriptions.forEach((s) => s.wake());
    this.notifyPending = true;
    if (!this.notifyTimer && !this.notifyInFlight) this.scheduleNotify();
  }

  private scheduleNotify(): void {
    const wait = Math.max(0, this.lastNotifyAt + NOTIFY_EVERY_MS - Date.now());
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.notifyPending = false;
      this.notifyInFlight = true;
      this.lastNotifyAt = Date.now();
      void this.pool
        .query('select pg_notify($1, $2)', [notifyChannel(this.schema), ''])
        .catch(() => undefined) // subscriptions elsewhere still poll
        .finally(() => {
          this.notifyInFlight = false;
          // Appends committed while this NOTIFY was on its way get one of their own.
          if (this.notifyPending && !this.closed) this.scheduleNotify();
        });
    }, wait);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    let where = 'stream_id = $1';
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision.toString());
      where += backwards ? ` and revision <= $${params.length}` : ` and revision >= $${params.length}`;
    }
    let limit = '';
    if (options.maxCount !== undefined) {
      params.push(options.maxCount);
      limit = ` limit $${params.length}`;
    }
    const { rows } = await this.pool.query<EventRow>(
      `select ${COLUMNS} from ${this.table} where ${where} order by revision ${backwards ? 'desc' : 'asc'}${limit}`,
      params,
    );
    return rows.map((r) => this.toEvent(r));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const params: unknown[] = [(options.after ?? 0n).toString()];
    let where = 'position > $1';
    if (options.filter?.categories?.length) {
      params.push(options.filter.categories);
      where += ` and category = any($${params.length})`;
    }
    if (options.filter?.types?.length) {
      params.push(options.filter.types);
      where += ` and type = any($${params.length})`;
    }
    params.push(options.maxCount ?? 1000);
    const { rows } = await this.pool.query<EventRow>(
      `select ${COLUMNS} from ${this.table} where ${where} order by position limit $${params.length}`,
      params,
    );
    return rows.map((r) => this.toEvent(r));
  }

  /**
   * Counts what a reader after `after` has still to read, the oldest first: one index range scan
   * (category, position), capped so a reader far behind costs no more than `cap` rows.
   */
  async backlog(after: bigint, filter: EventFilter, cap = 100_000): Promise<Backlog> {
    const params: unknown[] = [after.toString(), cap];
    let where = 'position > $1';
    if (filter.categories?.length) {
      params.push(filter.categories);
      where += ` and category = any($${params.length})`;
    }
    if (filter.types?.length) {
      params.push(filter.types);
      where += ` and type = any($${params.length})`;
    }
    const { rows } = await this.pool.query<{ events: number; oldest: Date | null }>(
      `select count(*)::int as events, min(recorded_at) as oldest
         from (select recorded_at from ${this.table} where ${where} order by position limit $2) ahead`,
      params,
    );
    return { events: rows[0].events, oldestRecordedAt: rows[0].oldest ?? undefined };
  }

  subscribeAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const sub = new PollingSubscription(
      (after, maxCount) => this.readAll({ after, filter: options.filter, maxCount }),
      handler,
      options.after ?? 0n,
      options.batchSize ?? 500,
      this.opts.pollIntervalMs ?? 1000,
    );
    this.subscriptions.add(sub);
    void sub.done.catch(() => undefined).finally(() => this.subscriptions.delete(sub));
    void this.ensureListener();
    sub.start();
    return sub;
  }

  /** One LISTEN connection wakes every subscription of this store when an append commits. */
  private ensureListener(): Promise<void> {
    if (this.listener || this.closed) return Promise.resolve();
    this.listenerStarting ??= (async () => {
      const client = new Client({ connectionString: this.opts.connectionString });
      client.on('notification', () => this.subscriptions.forEach((s) => s.wake()));
      client.on('error', () => {
        // Lost (server restart): subscriptions keep polling; reconnect on the next subscribe/poll.
        if (this.listener === client) this.listener = undefined;
        client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`listen ${quoteIdent(notifyChannel(this.schema))}`);
        if (this.closed) await client.end();
        else this.listener = client;
      } catch {
        await client.end().catch(() => undefined);
      }
    })().finally(() => {
      this.listenerStarting = undefined;
    });
    return this.listenerStarting;
  }

  private toEvent(row: EventRow): RecordedEvent {
    return this.upcasters.apply({
      position: BigInt(row.position),
      streamId: row.stream_id,
      revision: BigInt(row.revision),
      id: row.event_id,
      type: row.type,
      data: row.data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.notifyTimer);
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    await this.listenerStarting;
    await this.listener?.end().catch(() => undefined);
    await Promise.all([this.pool.end(), this.appendConnection.close()]);
  }
}

function parseExpected(e: string): ExpectedRevision {
  return e === 'any' || e === 'no_stream' || e === 'stream_exists' ? e : BigInt(e);
}
