import { WrongExpectedRevisionError } from '../errors';
import type { EventStore, ExpectedRevision } from '../event-store.port';
import { streamOf, type Aggregate, type Command, type DomainEvent } from './decider';
import { load } from './load';
import { toNewEvents } from './new-events';

/** The stream moved between reading and appending (or from what the caller saw): nothing was written. */
export class StreamChangedError extends Error {
  readonly reason = 'EVENTSTORE.STREAM_CHANGED';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} changed since it was read`);
    this.name = 'StreamChangedError';
  }
}

export interface HandleOptions<E extends DomainEvent, S> {
  /**
   * The revision the caller saw (a screen that may be stale): checked before deciding, so a
   * decision is never made for a state nobody looked at. `no_stream`: the instance must be new.
   */
  expectedRevision?: bigint | 'no_stream';
  /**
   * Who may see this instance at all, checked on the loaded state before `expectedRevision`: a
   * stream the caller may not touch must not tell them it moved. Throws the refusal.
   */
  guard?: (state: S) => void;
  /**
   * Effects that must commit with the decision, in the caller's transaction (a uniqueness claim
   * moved, a password hash set): called with the decided events, before they are appended; not
   * called when the decision is "nothing to do".
   */
  beforeAppend?: (events: readonly E[], state: S) => Promise<void>;
  /**
   * When another writer appended in between: decide again on the new state (`true`) or refuse.
   * The default refuses — nothing is retried on a caller's behalf (SPEC.md) — unless the rule of
   * the aggregate says the write in between changed nothing the caller decided on.
   */
  retryWhen?: (seen: S, now: S) => boolean;
  /** The error a refused caller gets (a domain CONFLICT); default StreamChangedError. */
  conflict?: (seen: S, now: S) => Error;
  /**
   * Facts no state can refuse (an audit record, a session revocation already done): decided on
   * the initial state without reading the stream, and appended whatever the stream holds.
   */
  unconditional?: boolean;
  /**
   * The instance is new by construction (an id just generated): decided on the initial state
   * without reading, appended only if the stream does not exist yet (else StreamChangedError).
   */
  creating?: boolean;
}

/**
 * A command, or how to make it from the state it acts on — when it needs what only the state names
 * (the workflow of the service version an application runs under, a ciphertext under its
 * applicant's key). Made again from the new state when a conflict is decided again.
 */
export type CommandFor<C extends Command, S> = C | ((state: S) => C | Promise<C>);

export interface Handled<E extends DomainEvent, S> {
  /** The state after the decision (the loaded one when nothing was decided). */
  state: S;
  /** What was decided and appended (empty: nothing to do). */
  events: E[];
  /** Revision of the stream's last event after the append; undefined when the stream still does not exist. */
  revision: bigint | undefined;
}

const TRIES = 3;

/**
 * The one write path (docs/write-path.md): for any aggregate, read its stream, fold, decide,
 * append with the revision read, stamp the command's metadata (tenant, time, actor, trace) and
 * each type's schema version. A concurrent writer makes the append fail; the caller then gets
 * CONFLICT, or — where the aggregate's rule allows — the command is decided again.
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly tenant: string,
  ) {}

  async handle<C extends Command, E extends DomainEvent, S>(
    aggregate: Aggregate<C, E, S>,
    id: string,
    command: CommandFor<C, S>,
    options: HandleOptions<E, S> = {},
  ): Promise<Handled<E, S>> {
    const stream = streamOf(aggregate, id);
    const fresh = { state: aggregate.initialState, revision: undefined };
    if (options.unconditional) return this.decideAndAppend(aggregate, stream, command, options, fresh, 'any');
    if (options.creating) {
      try {
        return await this.decideAndAppend(aggregate, stream, command, options, fresh, 'no_stream');
      } catch (e) {
        if (e instanceof WrongExpectedRevisionError) throw aggregate.conflict?.(fresh.state, fresh.state) ?? new StreamChangedError(stream);
        throw e;
      }
    }

    let loaded = await load(this.store, aggregate, id);
    const conflict = options.conflict ?? aggregate.conflict ?? (() => new StreamChangedError(stream));
    options.guard?.(loaded.state);
    if (options.expectedRevision !== undefined && options.expectedRevision !== (loaded.revision ?? 'no_stream'))
      throw conflict(loaded.state, loaded.state);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.decideAndAppend(aggregate, stream, command, options, loaded, loaded.revision ?? 'no_stream');
      } catch (e) {
        if (!(e instanceof WrongExpectedRevisionError)) throw e;
        const now = await load(this.store, aggregate, id);
        if (attempt >= TRIES || !options.retryWhen?.(loaded.state, now.state)) throw conflict(loaded.state, now.state);
        loaded = now;
      }
    }
  }

  private async decideAndAppend<C extends Command, E extends DomainEvent, S>(
    aggregate: Aggregate<C, E, S>,
    stream: string,
    given: CommandFor<C, S>,
    options: HandleOptions<E, S>,
    loaded: { state: S; revision: bigint | undefined },
    expected: ExpectedRevision,
  ): Promise<Handled<E, S>> {
    const command = typeof given === 'function' ? await given(loaded.state) : given;
    const events = aggregate.decide(command, loaded.state);
    if (events.length === 0) return { state: loaded.state, events, revision: loaded.revision };
    await options.beforeAppend?.(events, loaded.state);
    const appended = await this.store.append(
      stream,
      toNewEvents(events, { ...command.metadata, tenant: this.tenant }, aggregate.schemaVersions ?? {}),
      expected,
    );
    const context = { occurredAt: command.metadata.now.toISOString() };
    return { state: events.reduce((s, e) => aggregate.evolve(s, e, context), loaded.state), events, revision: appended.nextExpectedRevision };
  }
}
