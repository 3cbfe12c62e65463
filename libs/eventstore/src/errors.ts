import type { ExpectedRevision } from './event-store.port';

/** A concurrent writer got there first, or the stream is not in the state the writer expected. */
export class WrongExpectedRevisionError extends Error {
  readonly reason = 'EVENTSTORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or -1n when the stream does not exist. */
    readonly actual: bigint,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * Some of the event ids were already appended, but not as exactly this batch in this stream:
 * the writer reused an id for different events. Nothing was written.
 */
export class DuplicateEventIdError extends Error {
  readonly reason = 'EVENTSTORE.DUPLICATE_EVENT_ID';
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: event ids already used by other events`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The stream id breaks the `<category>-<id>` rule. */
export class InvalidStreamIdError extends Error {
  readonly reason = 'EVENTSTORE.INVALID_STREAM_ID';
  constructor(readonly streamId: string) {
    super(`invalid stream id "${streamId}": expected <category>-<id>`);
    this.name = 'InvalidStreamIdError';
  }
}
