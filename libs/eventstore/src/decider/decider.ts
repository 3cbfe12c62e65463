import type { Actor } from '../event-store.port';

/**
 * When, by whom and within which trace a command is given. Every command of every aggregate
 * carries it: time and actor come in the command, so deciding and replaying stay pure.
 */
export interface CommandMetadata<A extends Actor = Actor> {
  now: Date;
  actor: A;
  traceparent?: string;
  correlationId?: string;
  causationId?: string;
}

/** The one command shape: what to do (`type`), with what (`data`), when and by whom (`metadata`). */
export interface Command<Type extends string = string, Data = unknown, A extends Actor = Actor> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata<A>;
}

/** A decided event: its stable wire name and its data (the envelope is the store's). */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** What `evolve` may know of an event besides its data: when it happened. */
export interface EventContext {
  /** ISO time of the command that decided it (for an event just decided: that command's `now`). */
  occurredAt: string;
}

/**
 * A pure decider (CONVENTIONS.md, "The decider"): `decide` answers what a command does to a state
 * (events, or a domain error), `evolve` folds one event into the state, from `initialState`.
 * No I/O, no clock: everything a decision needs is in the command or the state.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E, context: EventContext): S;
  readonly initialState: S;
}

/**
 * An aggregate: a decider whose instances each own one stream `<category>-<id>`. What the one
 * command handler needs to load, decide and append for any aggregate of the platform.
 */
export interface Aggregate<C extends Command, E extends DomainEvent, S> extends Decider<C, E, S> {
  /** The part of the stream id before the first `-`: also what a service `owns` on its bus. */
  readonly category: string;
  /**
   * The schema version written for an event type (default 1). It goes up together with an
   * upcaster that turns the previous shape into the new one on every read.
   */
  readonly schemaVersions?: Readonly<Partial<Record<E['type'], number>>>;
  /**
   * What a caller hears when another writer changed the instance between its read and its append
   * (default `StreamChangedError`, answered as CONFLICT): an aggregate may name its own refusal.
   * A command's own `conflict` option wins over it.
   */
  readonly conflict?: (seen: S, now: S) => Error;
}

/** The stream of one instance of an aggregate. */
export function streamOf(aggregate: Pick<Aggregate<Command, DomainEvent, unknown>, 'category'>, id: string): string {
  return `${aggregate.category}-${id}`;
}

/** The command type of an aggregate, its events and its state (for helpers that are generic over aggregates). */
export type CommandOf<A> = A extends Aggregate<infer C, DomainEvent, unknown> ? C : never;
export type EventOf<A> = A extends Aggregate<Command, infer E, unknown> ? E : never;
export type StateOf<A> = A extends Aggregate<Command, DomainEvent, infer S> ? S : never;
