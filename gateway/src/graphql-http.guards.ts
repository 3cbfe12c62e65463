import { languageOf } from '@serang/platform';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { requestLanguage } from './graphql-errors';
import { bodyIdleTimeout, bodyParserErrors, goAhead, methodNotAllowed, refuse, tooLarge } from './http-errors';

export interface GraphQLHttpLimits {
  maxRequestBytes: number;
  bodyIdleTimeoutMs: number;
}

/** Headers that a browser cannot send cross-origin without a preflight (Apollo's CSRF rule). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0].trim().toLowerCase() || undefined;
}

/**
 * What stands between the socket and Apollo on `/graphql`: every HTTP-level failure is answered
 * here, as JSON `{"errors":[…]}` in the caller's language, before any body is parsed where possible
 * — an unknown method, a body that is not JSON (POST), a simple cross-site GET (CSRF), a body
 * declared or found too large, one that stalls, malformed JSON, and batches (an array: one
 * operation per request keeps the rate limits and the query limits per operation honest).
 */
export function graphqlHttpGuards(limits: GraphQLHttpLimits): Array<RequestHandler | ErrorRequestHandler> {
  // Last, right before Apollo: everything Apollo does for this request runs in this language.
  const language: RequestHandler = (req, _res, next) => requestLanguage.run(languageOf(req.headers['accept-language']), next);

  const shape: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return methodNotAllowed(req, res, ['GET', 'POST']);
    const type = mediaType(req.headers['content-type']);
    if (req.method === 'POST' && type !== 'application/json')
      return refuse(req, res, { status: 415, code: 'BAD_REQUEST', reason: 'GATEWAY.UNSUPPORTED_MEDIA_TYPE' });
    if (req.method === 'GET') {
      if (type !== undefined && type !== 'application/json')
        return refuse(req, res, { status: 415, code: 'BAD_REQUEST', reason: 'GATEWAY.UNSUPPORTED_MEDIA_TYPE' });
      // A GET a page on another origin can make (no JSON content type, no custom header) runs nothing.
      if (type === undefined && !PREFLIGHT_HEADERS.some((h) => String(req.headers[h] ?? '').trim()))
        return refuse(req, res, { status: 400, code: 'BAD_REQUEST', reason: 'GATEWAY.CSRF_REFUSED' });
    }
    // Refused from the declared length, unread; a client waiting for "100 Continue" never sends it.
    if (Number(req.headers['content-length'] ?? 0) > limits.maxRequestBytes) return refuse(req, res, tooLarge(limits.maxRequestBytes));
    goAhead(req, res);
    next();
  };

  const stalled = bodyIdleTimeout(limits.bodyIdleTimeoutMs, (req, res) =>
    refuse(req, res, {
      status: 408,
      code: 'BAD_REQUEST',
      reason: 'GATEWAY.BODY_STALLED',
      params: { seconds: Math.round(limits.bodyIdleTimeoutMs / 1000) },
    }),
  );

  const oneOperation: RequestHandler = (req, res, next) => {
    if (Array.isArray(req.body)) return refuse(req, res, { status: 400, code: 'BAD_REQUEST', reason: 'GATEWAY.BATCH_NOT_SUPPORTED' });
    next();
  };

  // strict: only an object or an array is JSON a GraphQL request can be.
  const json = express.json({ limit: limits.maxRequestBytes, strict: true });
  return [shape, stalled, json, bodyParserErrors(limits.maxRequestBytes), oneOperation, language];
}
