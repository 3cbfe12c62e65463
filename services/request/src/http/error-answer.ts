import { AppError, httpErrorBody, lingerThenHangUp, type Lang } from '@serang/platform';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { httpStatusOf, toAppError } from '../graphql/request-errors';

/**
 * Answers an error as `{ error: { code, reason, message } }` with its HTTP status, the message in
 * the caller's language. Unexpected errors are logged and answered as INTERNAL_SERVER_ERROR.
 */
export function sendError(req: Request, res: Response, e: unknown, lang: Lang, log: Logger): void {
  const mapped = toAppError(e, lang);
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
  res.status(httpStatusOf(error)).json(httpErrorBody(error.code, error.reason, lang, error.params));
  lingerThenHangUp(req);
}
