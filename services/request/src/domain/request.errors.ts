import { DomainError, type Message } from '@serang/domain';

/**
 * Request's refusals, each with a stable reason and SPEC.md's code; the platform's
 * DomainErrorFilter answers them (GraphQL and the upload endpoints) in the caller's language.
 */
export abstract class RequestError extends DomainError {}

/** The application already exists: a submit command can only start a new stream. */
export class ApplicationAlreadySubmitted extends RequestError {
  readonly reason = 'APPLICATION.ALREADY_SUBMITTED';
  readonly code = 'CONFLICT';
  constructor(readonly applicationId: string) {
    super(`application ${applicationId} was already submitted`);
  }
}

/** No such application — or not the caller's, which must look exactly the same. */
export class ApplicationNotFound extends RequestError {
  readonly reason = 'APPLICATION.NOT_FOUND';
  readonly code = 'NOT_FOUND';
  constructor() {
    super('application not found');
  }
}

/** No published version of the service is known to request. */
export class ServiceNotFound extends RequestError {
  readonly reason = 'SERVICE.NOT_FOUND';
  readonly code = 'NOT_FOUND';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} is not published`);
    this.params = { id: serviceId };
  }
}

/** Catalogue retired the service: it takes no new applications (those already running go on). */
export class ServiceIsRetired extends RequestError {
  readonly reason = 'SERVICE.RETIRED';
  readonly code = 'CONFLICT';
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
  readonly code = 'BAD_USER_INPUT';
  /** Each field's problem as a message of its JSON Schema keyword (`FORM.minLength`), or the validator's own words. */
  override readonly fields: Record<string, Message>;
  constructor(readonly issues: readonly FieldIssue[]) {
    super(`invalid input: ${issues.map((i) => `${i.field} (${i.keyword})`).join(', ')}`);
    this.fields = Object.fromEntries(issues.map((i) => [i.field, fieldMessage(i)]));
  }
}

/** The idempotency key was used before by this caller for another payload. */
export class IdempotencyKeyReused extends RequestError {
  readonly reason = 'REQUEST.IDEMPOTENCY_KEY_REUSED';
  readonly code = 'CONFLICT';
  constructor() {
    super('idempotency key reused with another payload');
  }
}

/** A tracking number with the wrong shape or a check symbol that does not match: a typo. */
export class TrackingNumberInvalid extends RequestError {
  readonly reason = 'APPLICATION.TRACKING_NUMBER_INVALID';
  readonly code = 'BAD_USER_INPUT';
  constructor() {
    super('tracking number is malformed or its check symbol does not match');
  }
}

/** A well-formed tracking number that no application carries. */
export class TrackingNumberNotFound extends RequestError {
  readonly reason = 'APPLICATION.TRACKING_NUMBER_NOT_FOUND';
  readonly code = 'NOT_FOUND';
  override readonly params: { trackingNumber: string };
  constructor(trackingNumber: string) {
    super('tracking number not found');
    this.params = { trackingNumber };
  }
}

/** JSON Schema's type names in Indonesian, for `FORM.type`'s Indonesian message. */
const TYPE_NAMES_ID: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  integer: 'bilangan bulat',
  boolean: 'ya/tidak',
  object: 'objek',
  array: 'daftar',
  null: 'kosong',
};

/** One field's message: its keyword's, falling back to FORM.invalid quoting the validator's English. */
function fieldMessage(issue: FieldIssue): Message {
  const params: Record<string, string | number> = { ...issue.params, message: issue.message };
  if (issue.keyword === 'type')
    params.typeId = String(issue.params.type)
      .split(',')
      .map((t) => TYPE_NAMES_ID[t.trim()] ?? t)
      .join(' / ');
  return { key: `FORM.${issue.keyword}`, params, fallback: 'FORM.invalid' };
}
