/**
 * Request's errors, each with a stable reason. One mapping (graphql/request-errors.ts) turns them
 * into SPEC.md's `extensions.code` and `extensions.reason`.
 */
export abstract class RequestError extends Error {
  abstract readonly reason: string;
  /** Values for the user-facing message's placeholders. */
  readonly params: Record<string, string | number> = {};
}

/** The application already exists: a submit command can only start a new stream. */
export class ApplicationAlreadySubmitted extends RequestError {
  readonly reason = 'APPLICATION.ALREADY_SUBMITTED';
  constructor(readonly applicationId: string) {
    super(`application ${applicationId} was already submitted`);
  }
}

/** No such application — or not the caller's, which must look exactly the same. */
export class ApplicationNotFound extends RequestError {
  readonly reason = 'APPLICATION.NOT_FOUND';
  constructor() {
    super('application not found');
  }
}

/** No published version of the service is known to request. */
export class ServiceNotFound extends RequestError {
  readonly reason = 'SERVICE.NOT_FOUND';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} is not published`);
    this.params = { id: serviceId };
  }
}

/** Catalogue retired the service: it takes no new applications (those already running go on). */
export class ServiceIsRetired extends RequestError {
  readonly reason = 'SERVICE.RETIRED';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} is retired`);
    this.params = { id: serviceId };
  }
}

/** One problem with one field of a form, as the form's JSON Schema sees it. */
export interface FieldIssue {
  /** Dotted path in the form (`address.city`); `formData` for the form as a whole. */
  field: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `minLength`…) or `json`. */
  keyword: string;
  params: Record<string, string | number>;
  /** The validator's own English message, for keywords without a translation. */
  message: string;
}

/** The input breaks the rules: one issue per field. */
export class InputInvalid extends RequestError {
  readonly reason = 'APPLICATION.INPUT_INVALID';
  constructor(readonly issues: readonly FieldIssue[]) {
    super(`invalid input: ${issues.map((i) => `${i.field} (${i.keyword})`).join(', ')}`);
  }
}

/** The idempotency key was used before by this caller for another payload. */
export class IdempotencyKeyReused extends RequestError {
  readonly reason = 'REQUEST.IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('idempotency key reused with another payload');
  }
}

/** A tracking number with the wrong shape or a check symbol that does not match: a typo. */
export class TrackingNumberInvalid extends RequestError {
  readonly reason = 'APPLICATION.TRACKING_NUMBER_INVALID';
  constructor() {
    super('tracking number is malformed or its check symbol does not match');
  }
}

/** A well-formed tracking number that no application carries. */
export class TrackingNumberNotFound extends RequestError {
  readonly reason = 'APPLICATION.TRACKING_NUMBER_NOT_FOUND';
  override readonly params: { trackingNumber: string };
  constructor(trackingNumber: string) {
    super('tracking number not found');
    this.params = { trackingNumber };
  }
}
