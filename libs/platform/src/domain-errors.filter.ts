import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { PoolExhaustedError } from '@serang/db';
import { DomainError } from '@serang/domain';
import { StreamChangedError } from '@serang/eventstore';
import type { Response } from 'express';
import { asCallerError, AppError, httpStatusOf, languageOf } from './errors';
import { httpErrorBody } from './http-answers';

/**
 * The one mapping from what the layers below throw to what a caller hears (SPEC.md "Errors"):
 * a decider's DomainError, the handler's StreamChangedError (CONFLICT) and a saturated pool
 * (TOO_MANY_REQUESTS) become the AppError GraphQL answers in the caller's language — for every
 * resolver of every service, with no wrapper at the call sites. Plain HTTP endpoints answer the
 * same error as JSON. Event handlers get the error as thrown: their retries and parking decide.
 */
@Catch(DomainError, StreamChangedError, PoolExhaustedError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(exception: Error, host: ArgumentsHost): unknown {
    const type = host.getType<string>();
    if (type === 'rpc') throw exception;
    const answer = asCallerError(exception);
    if (!(answer instanceof AppError) || type !== 'http') return answer;
    const [req, res] = [
      host.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>(),
      host.switchToHttp().getResponse<Response>(),
    ];
    if (answer.retryAfter !== undefined) res.setHeader('retry-after', String(answer.retryAfter));
    res.status(httpStatusOf(answer.code)).json(httpErrorBody(answer.code, answer.reason, languageOf(req.headers['accept-language']), answer.params));
    return undefined;
  }
}
