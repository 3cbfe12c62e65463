/**
 * EXPERIMENTAL EventStoreDB adapter of the EventStore port. PostgreSQL is the supported adapter; this one
 * is experimental because:
 * - It has never run here. The contract suite (test/event-store.contract.ts) needs a server
 *   (EVENTSTOREDB_URL), and none can run on this machine. Its behaviour comes from reading the client's
 *   API (@eventstore/db-client 6.2.1) and the server's documented semantics, not from a passing test run.
 * - Filters run on the client: readAll in client 6.2.1 has no server-side filter, so a filtered read or
 *   subscription scans every event in $all after its position.
 * - subscribeAll polls readAll (PollingSubscription, no push) so that it behaves like the PostgreSQL
 *   adapter. The cost is up to one poll interval of latency.
 * Known limitations:
 * - An event id reused in *another* stream is not detected. The server only compares ids near the
 *   expected revision (and, for 'any', against a cache of recent ids in the same stream), and nothing
 *   maps an id to its stream cheaply. For the same reason an old id re-sent at the stream's head is
 *   written again. The contract's cross-stream DuplicateEventIdError case is expected to fail here.
 * - Needs EventStoreDB 22.6 or later (stream reads must carry the $all position) and read access to $all.
 * - Positions are commit positions. They are unique per event only for events appended over gRPC (no
 *   legacy TCP explicit transactions, whose events share the commit position of their commit record).
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult,
  EventMetadata,
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
import { PollingSubscription } from '../postgres/polling-subscription';
import { categoryOf } from '../stream-id';
import { Upcasters, type Upcaster } from '../upcasting';

export interface EventStoreDbEventStoreOptions {
  connectionString: string;
  upcasters?: readonly Upcaster[];
  /** Poll interval of subscriptions (default 200 ms): there is no notification to wake them. */
  pollIntervalMs?: number;
}

/** Events read from $all per round trip while filtering on the client. */
const PAGE_SIZE = 500;
/** Older servers send this (2^64 - 1) instead of a real position. */
const NO_POSITION = 2n ** 64n - 1n;

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<PollingSubscription>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly upcasters: Upcasters,
    private readonly pollIntervalMs: number,
  ) {}

  static async connect(opts: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    const upcasters = new Upcasters(opts.upcasters);
    const client = EventStoreDBClient.connectionString(opts.connectionString);
    try {
      // The client connects lazily. Fail now if the server is unreachable or $all (needed by readAll) is unreadable.
      await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return new EventStoreDbEventStore(client, upcasters, opts.pollIntervalMs ?? 200);
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) throw new Error('event store is closed');
    categoryOf(streamId);
    if (events.length === 0) throw new Error('append needs at least one event');
    const expected: AppendExpectedRevision = expectedRevision; // the same four cases on both sides
    let actual: bigint | undefined;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: e.metadata })),
        { expectedRevision: expected },
      );
      // success is false only with throwOnAppendFailure=false in the connection string. Its revision is
      // then unreliable, so the conflict path below reads it from the stream.
      if (result.success) {
        return { nextExpectedRevision: result.nextExpectedRevision, position: await this.positionAt(streamId, result.nextExpectedRevision) };
      }
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      actual = error.actualVersion === 'no_stream' ? -1n : error.actualVersion;
    }
    return this.resolveConflict(streamId, events, expectedRevision, actual);
  }

  /**
   * The server answers a resend of the same batch at the same expected revision as a success by itself.
   * Other resends (e.g. 'no_stream' once the stream has grown) and reused ids come back as a wrong expected
   * version. Like the PostgreSQL adapter, answer the first result if the batch is in the stream whole and in
   * order. Otherwise refuse reused ids, or report the conflict.
   */
  private async resolveConflict(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, actual?: bigint): Promise<AppendResult> {
    const stored = (await this.readResolved(streamId, {})).flatMap((r) => (r.event ? [r.event] : []));
    const index = new Map(stored.map((e, i) => [e.id.toLowerCase(), i]));
    const found = events.map((e) => index.get(e.id.toLowerCase()));
    if (found.every((i) => i === undefined)) {
      throw new WrongExpectedRevisionError(streamId, expected, actual ?? stored[stored.length - 1]?.revision ?? -1n);
    }
    const first = found[0];
    if (first === undefined || !found.every((i, k) => i === first + k)) throw new DuplicateEventIdError(streamId);
    const last = stored[first + events.length - 1];
    return { nextExpectedRevision: last.revision, position: commitOf(last) };
  }

  /**
   * The $all position of the event at `revision`, read back so that it always matches what readAll reports.
   * The append answer's own position is missing on an idempotent success, and it is not guaranteed to be the
   * last event's position in $all.
   */
  private async positionAt(streamId: string, revision: bigint): Promise<bigint> {
    const [found] = await this.readResolved(streamId, { fromRevision: revision, maxCount: 1 });
    if (found?.event?.revision !== revision) throw new Error(`stream ${streamId}: revision ${revision} not found after append`);
    return commitOf(found.event);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const resolved = await this.readResolved(streamId, options);
    return resolved.flatMap((r) => (r.event ? [this.toEvent(r.event, commitOf(r.event))] : []));
  }

  private async readResolved(streamId: string, options: ReadStreamOptions): Promise<ResolvedEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    try {
      return await collect(
        this.client.readStream(streamId, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: options.fromRevision ?? (backwards ? END : START),
          maxCount: options.maxCount,
        }),
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const categories = options.filter?.categories?.length ? new Set(options.filter.categories) : undefined;
    const types = options.filter?.types?.length ? new Set(options.filter.types) : undefined;
    const out: RecordedEvent[] = [];
    let last = options.after ?? 0n;
    // fromPosition is inclusive. For an event appended over gRPC, commit = prepare = its log position.
    let from: ReadPosition = last > 0n ? { commit: last, prepare: last } : START;
    while (out.length < maxCount) {
      const page: AllStreamResolvedEvent[] = await collect(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: PAGE_SIZE }));
      const before = last;
      for (const { event } of page) {
        if (!event || event.position.commit <= last) continue;
        last = event.position.commit;
        from = event.position;
        if (event.streamId.startsWith('$') || event.type.startsWith('$')) continue;
        const dash = event.streamId.indexOf('-');
        if (categories && !categories.has(dash < 0 ? event.streamId : event.streamId.slice(0, dash))) continue;
        if (types && !types.has(event.type)) continue;
        out.push(this.toEvent(event, event.position.commit));
        if (out.length === maxCount) break;
      }
      if (page.length < PAGE_SIZE || last === before) break;
    }
    return out;
  }

  /** $all is read in log order up to what is committed, so polling `position > last` never skips an event. */
  subscribeAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const sub = new PollingSubscription(
      (after, maxCount) => this.readAll({ after, filter: options.filter, maxCount }),
      handler,
      options.after ?? 0n,
      options.batchSize ?? 500,
      this.pollIntervalMs,
    );
    this.subscriptions.add(sub);
    void sub.done.catch(() => undefined).finally(() => this.subscriptions.delete(sub));
    sub.start();
    return sub;
  }

  private toEvent(e: EsdbRecordedEvent, position: bigint): RecordedEvent {
    return this.upcasters.apply({
      streamId: e.streamId,
      revision: e.revision,
      position,
      id: e.id,
      type: e.type,
      data: e.data,
      // JSON-parsed by the client. It is only an EventMetadata for events that this adapter wrote.
      metadata: e.metadata as unknown as EventMetadata,
      recordedAt: e.created,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}

function commitOf(e: { position?: Position }): bigint {
  const commit = e.position?.commit;
  if (commit === undefined || commit === NO_POSITION) {
    throw new Error('EventStoreDB sent no $all position for a stream event: this adapter needs server 22.6 or later');
  }
  return commit;
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of read) out.push(item);
  return out;
}
