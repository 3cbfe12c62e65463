/**
 * The EventStore port (ARCHITECTURE.md, "The write side"). Every adapter passes the same contract
 * suite (test/event-store.contract.ts).
 *
 * Revisions are 0-based per stream; positions are global, strictly increasing in commit order,
 * so a reader that has seen position P will never later see a new event at a position ≤ P.
 */

/** Who did it: copied into every event's metadata. */
export interface Actor {
  id: string;
  role: string;
  agency?: string;
}

export interface EventMetadata {
  /** BPS code of the regency the event belongs to (default 3604, Kabupaten Serang). */
  tenant: string;
  occurredAt: string;
  schemaVersion: number;
  correlationId?: string;
  causationId?: string;
  actor?: Actor;
  traceparent?: string;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUIDv7, chosen by the writer: re-appending the same ids is idempotent. */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  revision: bigint;
  position: bigint;
  recordedAt: Date;
}

/**
 * What the writer believes about the stream: `no_stream` (it must not exist), `stream_exists`,
 * `any`, or the exact revision of its last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expected revision. */
  nextExpectedRevision: bigint;
  /** Global position of the last event appended (or already present, for an idempotent resend). */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: bigint;
  maxCount?: number;
}

/** Events whose category (stream id up to the first `-`) or type is listed; empty = all. */
export interface EventFilter {
  categories?: readonly string[];
  types?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position (0n, the default, reads from the start). */
  after?: bigint;
  filter?: EventFilter;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: the consumer's checkpoint, i.e. the last position it has handled. */
  after?: bigint;
  filter?: EventFilter;
  /** Largest batch handed to the handler at once (default 500). */
  batchSize?: number;
}

/**
 * Handles one batch of events in position order. The consumer saves its checkpoint (the last
 * position) in its own transaction together with its effects; the subscription persists nothing.
 * A thrown error ends the subscription (see `Subscription.done`): retries are the consumer's policy.
 */
export type SubscriptionHandler = (events: RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** Stops after the batch in hand; resolves when the subscription has stopped. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop(), rejects with the handler's error. */
  readonly done: Promise<void>;
}

/** What a reader at some position still has ahead of it (metrics: relay and consumer lag). */
export interface Backlog {
  /** Events after the position matching the filter, counted up to the cap asked for. */
  events: number;
  /** When the oldest of them was recorded; undefined when there are none. */
  oldestRecordedAt?: Date;
}

export interface EventStore {
  /** Optional: the events after `after` matching `filter` (at most `cap` counted). */
  backlog?(after: bigint, filter: EventFilter, cap?: number): Promise<Backlog>;
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
  close(): Promise<void>;
}
