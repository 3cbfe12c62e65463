import type { Pool, PoolClient } from 'pg';
import { ensureConsumerSchema, ident } from './consumer-schema';
import { eventFromJson, eventToJson, type DeliveredEvent } from './delivered-event';

/** What a handler gets besides the event: the consumer's open transaction, for its effects. */
export interface HandlerContext {
  tx: PoolClient;
  /** 1 for the first try, then 2, 3… on retries. */
  attempt: number;
}

export type EventHandler = (event: DeliveredEvent, ctx: HandlerContext) => Promise<void>;

export interface RetryPolicy {
  /** Tries per event before it is parked (default 3). */
  attempts: number;
  /** Wait before the 2nd try; doubles each time, capped by maxBackoffMs (defaults 50 / 1000 ms). */
  backoffMs: number;
  maxBackoffMs: number;
}

/** An event that did not get applied: it failed (the first of its stream) or its stream is parked. */
export interface ParkedEvent {
  event: DeliveredEvent;
  reason: 'handler-failed' | 'stream-parked' | 'undecodable';
  error: string;
}

export interface EventProcessorOptions {
  db: Pool;
  /** The consumer's own schema (its service's), holding processed ids and parked streams. */
  schema: string;
  consumerId: string;
  handlerFor: (type: string) => EventHandler | undefined;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  onError?: (message: string, details: Record<string, unknown>) => void;
}

export interface RedriveResult {
  applied: number;
  remaining: number;
}

/**
 * The transport-independent heart of every consumer: applies a batch inside the caller's
 * transaction, once per event id, in order, with retries; parks a stream whose event keeps
 * failing, so that its later events wait behind it while other streams move on; and redrives a
 * parked stream on command.
 */
export class EventProcessor {
  private readonly s: string;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: EventProcessorOptions) {
    this.s = ident(opts.schema);
    this.retry = { attempts: 3, backoffMs: 50, maxBackoffMs: 1000, ...opts.retry };
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get consumerId(): string {
    return this.opts.consumerId;
  }

  /**
   * When the newest event this process handed to its handlers was written (its `occurredAt`), and
   * when this processor started: what consumer-lag metrics in Kafka mode measure against.
   */
  readonly progress: { startedAt: Date; newestOccurredAt?: Date } = { startedAt: new Date() };

  ensureSchema(): Promise<void> {
    return ensureConsumerSchema(this.opts.db, this.opts.schema);
  }

  /**
   * Applies the events in order within `tx` (the caller begins and commits it, together with its
   * checkpoint or before committing Kafka offsets). Returns what was parked by this batch, for
   * the dead-letter topic.
   */
  async processBatch(tx: PoolClient, events: readonly DeliveredEvent[], undecodable: readonly ParkedEvent[] = []): Promise<ParkedEvent[]> {
    const parked: ParkedEvent[] = [];
    this.noteProgress(events);
    for (const u of undecodable) await this.park(tx, u, parked);
    const seen = await this.alreadyProcessed(
      tx,
      events.map((e) => e.id),
    );
    const fresh = events.filter((e) => !seen.has(e.id) && !!seen.add(e.id)); // redeliveries change nothing
    if (fresh.length === 0) return parked;
    // The common case, cheaply: no stream of the batch is parked and every handler succeeds at
    // the first try — one savepoint and one insert of processed ids for the whole batch.
    if (!(await this.anyParked(tx, fresh)) && (await this.applyAllAtOnce(tx, fresh))) return parked;
    // Otherwise event by event, each with its own retries, parking what keeps failing.
    for (const event of fresh) {
      if (await this.isParked(tx, event.streamId)) {
        await this.park(tx, { event, reason: 'stream-parked', error: 'an earlier event of this stream is parked' }, parked);
        continue;
      }
      const error = await this.apply(tx, event);
      if (error) await this.park(tx, { event, reason: 'handler-failed', error }, parked);
    }
    return parked;
  }

  private noteProgress(events: readonly DeliveredEvent[]): void {
    for (const e of events) {
      const at = e.metadata.occurredAt ? new Date(e.metadata.occurredAt) : undefined;
      if (at && !Number.isNaN(at.getTime()) && (!this.progress.newestOccurredAt || at > this.progress.newestOccurredAt))
        this.progress.newestOccurredAt = at;
    }
  }

  private async applyAllAtOnce(tx: PoolClient, events: readonly DeliveredEvent[]): Promise<boolean> {
    await tx.query('savepoint serang_batch');
    try {
      for (const event of events) await this.opts.handlerFor(event.type)?.(event, { tx, attempt: 1 });
      await tx.query(`insert into ${this.s}.processed_events (consumer_id, event_id) select $1, unnest($2::uuid[]) on conflict do nothing`, [
        this.consumerId,
        events.map((e) => e.id),
      ]);
      await tx.query('release savepoint serang_batch');
      return true;
    } catch {
      await tx.query('rollback to savepoint serang_batch');
      return false;
    }
  }

  private async anyParked(tx: PoolClient, events: readonly DeliveredEvent[]): Promise<boolean> {
    const { rowCount } = await tx.query(`select 1 from ${this.s}.parked_streams where consumer_id = $1 and stream_id = any($2::text[]) for share`, [
      this.consumerId,
      [...new Set(events.map((e) => e.streamId))],
    ]);
    return !!rowCount;
  }

  /** Applies a parked stream's events in order; stops at the first that fails again. */
  async redrive(streamId: string): Promise<RedriveResult> {
    const tx = await this.opts.db.connect();
    try {
      await tx.query('begin');
      const locked = await tx.query(`select 1 from ${this.s}.parked_streams where consumer_id = $1 and stream_id = $2 for update`, [
        this.consumerId,
        streamId,
      ]);
      if (!locked.rowCount) {
        await tx.query('rollback');
        return { applied: 0, remaining: 0 };
      }
      const { rows } = await tx.query<{ seq: string; event: Record<string, unknown> }>(
        `select seq, event from ${this.s}.parked_events where consumer_id = $1 and stream_id = $2 order by seq`,
        [this.consumerId, streamId],
      );
      let applied = 0;
      for (const row of rows) {
        const event = eventFromJson(row.event);
        const done = await this.alreadyProcessed(tx, [event.id]);
        const error = done.has(event.id) ? undefined : await this.apply(tx, event);
        if (error) {
          await tx.query(`update ${this.s}.parked_events set error = $2, reason = 'handler-failed' where seq = $1`, [row.seq, error]);
          await tx.query('commit');
          return { applied, remaining: rows.length - applied };
        }
        await tx.query(`delete from ${this.s}.parked_events where seq = $1`, [row.seq]);
        applied++;
      }
      await tx.query(`delete from ${this.s}.parked_streams where consumer_id = $1 and stream_id = $2`, [this.consumerId, streamId]);
      await tx.query('commit');
      return { applied, remaining: 0 };
    } catch (e) {
      await tx.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      tx.release();
    }
  }

  async parkedStreams(): Promise<Array<{ streamId: string; events: number; firstError: string }>> {
    const { rows } = await this.opts.db.query<{ stream_id: string; events: number; first_error: string }>(
      `select p.stream_id, count(e.seq)::int as events,
              (select e2.error from ${this.s}.parked_events e2 where e2.consumer_id = p.consumer_id and e2.stream_id = p.stream_id order by e2.seq limit 1) as first_error
         from ${this.s}.parked_streams p
         left join ${this.s}.parked_events e on e.consumer_id = p.consumer_id and e.stream_id = p.stream_id
        where p.consumer_id = $1 group by p.consumer_id, p.stream_id order by p.stream_id`,
      [this.consumerId],
    );
    return rows.map((r) => ({ streamId: r.stream_id, events: r.events, firstError: r.first_error }));
  }

  /** Runs the handler with retries; each try in a savepoint so a failed try leaves no trace. */
  private async apply(tx: PoolClient, event: DeliveredEvent): Promise<string | undefined> {
    const handler = this.opts.handlerFor(event.type);
    let lastError = '';
    if (handler) {
      for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
        await tx.query('savepoint serang_event');
        try {
          await handler(event, { tx, attempt });
          await tx.query('release savepoint serang_event');
          lastError = '';
          break;
        } catch (e) {
          await tx.query('rollback to savepoint serang_event');
          lastError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          this.opts.onError?.('event handler failed', { consumer: this.consumerId, eventId: event.id, type: event.type, attempt, error: lastError });
          if (attempt < this.retry.attempts) await this.sleep(Math.min(this.retry.backoffMs * 2 ** (attempt - 1), this.retry.maxBackoffMs));
        }
      }
      if (lastError) return lastError;
    }
    // Events without a handler are recorded too: the id says "seen", whatever the type.
    await tx.query(`insert into ${this.s}.processed_events (consumer_id, event_id) values ($1, $2) on conflict do nothing`, [
      this.consumerId,
      event.id,
    ]);
    return undefined;
  }

  private async park(tx: PoolClient, p: ParkedEvent, out: ParkedEvent[]): Promise<void> {
    await tx.query(`insert into ${this.s}.parked_streams (consumer_id, stream_id) values ($1, $2) on conflict do nothing`, [
      this.consumerId,
      p.event.streamId,
    ]);
    const { rowCount } = await tx.query(
      `insert into ${this.s}.parked_events (consumer_id, stream_id, event_id, event, reason, error)
       values ($1, $2, $3, $4, $5, $6) on conflict (consumer_id, event_id) do nothing`,
      [this.consumerId, p.event.streamId, p.event.id, JSON.stringify(eventToJson(p.event)), p.reason, p.error.slice(0, 2000)],
    );
    if (rowCount) {
      out.push(p);
      this.opts.onError?.('event parked', { consumer: this.consumerId, eventId: p.event.id, streamId: p.event.streamId, reason: p.reason });
    }
  }

  private async isParked(tx: PoolClient, streamId: string): Promise<boolean> {
    // FOR SHARE: waits for a redrive of this stream in progress, then sees its outcome.
    const { rowCount } = await tx.query(`select 1 from ${this.s}.parked_streams where consumer_id = $1 and stream_id = $2 for share`, [
      this.consumerId,
      streamId,
    ]);
    return !!rowCount;
  }

  private async alreadyProcessed(tx: PoolClient, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await tx.query<{ event_id: string }>(
      `select event_id from ${this.s}.processed_events where consumer_id = $1 and event_id = any($2::uuid[])`,
      [this.consumerId, ids],
    );
    return new Set(rows.map((r) => r.event_id));
  }
}
