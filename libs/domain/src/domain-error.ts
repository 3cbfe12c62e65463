/**
 * SPEC.md's codes a refusal may carry. INTERNAL_SERVER_ERROR is not among them: a domain error is
 * always an answer the caller can act on.
 */
export type RefusalCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'TOO_MANY_REQUESTS';

/** A message key with the values its message names. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
  /** The key said instead when no catalogue has `key` (a validator keyword without a translation). */
  fallback?: string;
}

/** One field's problem: a message key, a key with its values, or several (said one after the other). */
export type FieldProblem = string | Message | readonly Message[];

/**
 * A decider's (or a domain policy's) refusal: a stable reason (`APPLICATION.NOT_SUBMITTABLE`), the
 * SPEC code it is answered with, the values its message names, and per-field problems. The
 * platform turns every DomainError into `extensions.code` / `reason` / `fields`, in the caller's
 * language, in one place (libs/platform/src/graphql.ts); no service maps its errors itself.
 */
export abstract class DomainError extends Error {
  abstract readonly reason: string;
  abstract readonly code: RefusalCode;
  /** Values for the user-facing message's placeholders. */
  readonly params: Record<string, string | number> = {};
  /** Per-field problems: field path → message key (with its values). */
  readonly fields?: Record<string, FieldProblem>;
  /**
   * More `extensions` the answer carries for a client to act on (a throttled sign-in's
   * `retryAfterSeconds`): plain values only, never anything internal.
   */
  readonly extensions?: Record<string, string | number>;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
