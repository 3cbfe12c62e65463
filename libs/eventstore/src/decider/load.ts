import type { EventStore, RecordedEvent } from '../event-store.port';
import { streamOf, type Aggregate, type Command, type DomainEvent } from './decider';

/** An aggregate's state as its stream tells it, and the revision an append after it must name. */
export interface Loaded<S> {
  state: S;
  /** Revision of the stream's last event; undefined when the stream does not exist. */
  revision: bigint | undefined;
}

/**
 * Folds recorded events into state with the aggregate's `evolve`. The store has upcast them to
 * their current shapes already; this is the one place a recorded event is read as the
 * aggregate's event type.
 */
export function fold<C extends Command, E extends DomainEvent, S>(
  aggregate: Aggregate<C, E, S>,
  recorded: readonly RecordedEvent[],
  from: S = aggregate.initialState,
): S {
  return recorded.reduce((state, r) => aggregate.evolve(state, { type: r.type, data: r.data } as E, { occurredAt: r.metadata.occurredAt }), from);
}

/** Reads one instance's stream and folds it. */
export async function load<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  aggregate: Aggregate<C, E, S>,
  id: string,
): Promise<Loaded<S>> {
  const recorded = await store.readStream(streamOf(aggregate, id));
  return { state: fold(aggregate, recorded), revision: recorded.length ? recorded[recorded.length - 1].revision : undefined };
}

/**
 * One instance's events as the aggregate's event type: for a read-side fold that wants more than
 * the decider's state (a person's profile with its ciphertexts).
 */
export async function readEvents<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  aggregate: Aggregate<C, E, S>,
  id: string,
): Promise<E[]> {
  const recorded = await store.readStream(streamOf(aggregate, id));
  return recorded.map((r) => ({ type: r.type, data: r.data }) as E);
}
