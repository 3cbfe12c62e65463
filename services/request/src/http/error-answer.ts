import { AppError, asCallerError, httpErrorBody, httpStatusOf, lingerThenHangUp, type Lang } from '@serang/platform';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';

/** Where an upload's HTTP status says more than its code's. */
const STATUS_OF_REASON: Record<string, number> = {
  'UPLOAD.TOO_LARGE': 413,
  'UPLOAD.TYPE_NOT_ALLOWED': 415,
  'UPLOAD.NOT_MULTIPART': 415,
  // The client stopped sending its body: 408 Request Timeout tells it to send again.
  'UPLOAD.STALLED': 408,
  // Only ever the owner's answer (anyone else gets 404): it existed, and is gone for good.
  'DOCUMENT.ERASED': 410,
};

/**
 * Answers an error as `{ error: { code, reason, message } }` with its HTTP status, the message in
 * the caller's language. Unexpected errors are logged and answered as INTERNAL_SERVER_ERROR.
 */
export function sendError(req: Request, res: Response, e: unknown, lang: Lang, log: Logger): void {
  const mapped = asCallerError(e);
  let error: AppError;
  if (mapped instanceof AppError) error = mapped;
  else {
    log.error({ err: String((e as Error)?.stack ?? e) }, 'unexpected error in an upload endpoint');
    error = new AppError('INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR');
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.retryAfter !== undefined) res.setHeader('retry-after', String(error.retryAfter));
  res.status(STATUS_OF_REASON[error.reason] ?? httpStatusOf(error.code)).json(httpErrorBody(error.code, error.reason, lang, error.params));
  lingerThenHangUp(req);
}
