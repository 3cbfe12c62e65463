import { AppError, translate, type ErrorCode, type Lang } from '@serang/platform';
import { InputInvalid, RequestError, type FieldIssue } from '../domain/request.errors';
import { formMessages } from '../request.messages';

/** The one mapping from request's errors to SPEC.md's codes. */
const CODES: Record<string, ErrorCode> = {
  'APPLICATION.NOT_FOUND': 'NOT_FOUND',
  'APPLICATION.TRACKING_NUMBER_NOT_FOUND': 'NOT_FOUND',
  'SERVICE.NOT_FOUND': 'NOT_FOUND',
  'APPLICATION.INPUT_INVALID': 'BAD_USER_INPUT',
  'APPLICATION.TRACKING_NUMBER_INVALID': 'BAD_USER_INPUT',
  'APPLICATION.ALREADY_SUBMITTED': 'CONFLICT',
  'SERVICE.RETIRED': 'CONFLICT',
  'REQUEST.IDEMPOTENCY_KEY_REUSED': 'CONFLICT',
  'APPLICATION.VERSION_CONFLICT': 'CONFLICT',
  'APPLICATION.ACTION_NOT_AVAILABLE': 'CONFLICT',
  'APPLICATION.ACTION_FORBIDDEN': 'FORBIDDEN',
  'APPLICATION.NOT_CLAIMED': 'CONFLICT',
  'APPLICATION.CLAIMED_BY_ANOTHER': 'CONFLICT',
  'APPLICATION.CLOSED': 'CONFLICT',
  'APPLICATION.NOT_CANCELLABLE': 'CONFLICT',
  'APPLICATION.NOT_AWAITING_CITIZEN': 'CONFLICT',
  'APPLICATION.AWAITING_CITIZEN': 'CONFLICT',
  'UPLOAD.NOT_MULTIPART': 'BAD_USER_INPUT',
  'UPLOAD.MALFORMED': 'BAD_USER_INPUT',
  'UPLOAD.NO_FILE': 'BAD_USER_INPUT',
  'UPLOAD.TOO_MANY_FILES': 'BAD_USER_INPUT',
  'UPLOAD.EMPTY': 'BAD_USER_INPUT',
  'UPLOAD.TOO_LARGE': 'BAD_USER_INPUT',
  'UPLOAD.TYPE_NOT_ALLOWED': 'BAD_USER_INPUT',
  'UPLOAD.BUSY': 'TOO_MANY_REQUESTS',
  'UPLOAD.ACCOUNT_ERASED': 'FORBIDDEN',
  'DOCUMENT.NOT_FOUND': 'NOT_FOUND',
  'DOCUMENT.ERASED': 'NOT_FOUND',
};

/** HTTP statuses of the codes, for request's HTTP endpoints (uploads); some reasons say more. */
const STATUS_OF_CODE: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};
const STATUS_OF_REASON: Record<string, number> = {
  'UPLOAD.TOO_LARGE': 413,
  'UPLOAD.TYPE_NOT_ALLOWED': 415,
  'UPLOAD.NOT_MULTIPART': 415,
  // The client stopped sending its body: 408 Request Timeout tells it to send again.
  'UPLOAD.STALLED': 408,
  // Only ever the owner's answer (anyone else gets 404): it existed, and is gone for good.
  'DOCUMENT.ERASED': 410,
};

export function httpStatusOf(e: AppError): number {
  return STATUS_OF_REASON[e.reason] ?? STATUS_OF_CODE[e.code];
}

/** Turns a request error into the AppError the client sees; anything else passes through. */
export function toAppError(e: unknown, lang: Lang): unknown {
  if (!(e instanceof RequestError)) return e;
  const code = CODES[e.reason] ?? 'INTERNAL_SERVER_ERROR';
  if (e instanceof InputInvalid) return new AppError(code, e.reason, {}, Object.fromEntries(e.issues.map((i) => [i.field, fieldMessage(i, lang)])));
  return new AppError(code, e.reason, e.params);
}

const TYPE_NAMES_ID: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  integer: 'bilangan bulat',
  boolean: 'ya/tidak',
  object: 'objek',
  array: 'daftar',
  null: 'kosong',
};

/**
 * A field's message in the caller's language, rendered here because each field has its own
 * parameters (an AppError's params are shared by all its fields).
 */
function fieldMessage(issue: FieldIssue, lang: Lang): string {
  const key = `FORM.${issue.keyword}`;
  const params: Record<string, string | number> = { ...issue.params, message: issue.message };
  if (issue.keyword === 'type' && lang === 'id')
    params.type = String(issue.params.type)
      .split(',')
      .map((t) => TYPE_NAMES_ID[t.trim()] ?? t)
      .join(' / ');
  return translate(key in formMessages ? key : 'FORM.invalid', lang, params);
}
