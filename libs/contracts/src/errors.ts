/** No contract in proto/ has a message named after this event type. */
export class UnknownEventTypeError extends Error {
  readonly reason = 'CONTRACTS.UNKNOWN_EVENT_TYPE';
  constructor(readonly eventType: string) {
    super(`no contract for event type ${eventType}`);
    this.name = 'UnknownEventTypeError';
  }
}

/** The event's data (or bytes) do not fit its contract: an unknown field, a wrong type, bad bytes. */
export class ContractViolationError extends Error {
  readonly reason = 'CONTRACTS.VIOLATION';
  constructor(
    readonly eventType: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`event ${eventType} does not fit its contract: ${detail}`, options);
    this.name = 'ContractViolationError';
  }
}

/** Two proto packages declare a message of the same name; the event type would be ambiguous. */
export class DuplicateEventTypeError extends Error {
  readonly reason = 'CONTRACTS.DUPLICATE_EVENT_TYPE';
  constructor(
    readonly eventType: string,
    readonly schemas: readonly [string, string],
  ) {
    super(`event type ${eventType} is declared twice: ${schemas[0]} and ${schemas[1]}`);
    this.name = 'DuplicateEventTypeError';
  }
}
