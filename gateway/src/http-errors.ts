import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { graphQLErrorBody, languageOf, lingerThenHangUp } from '@serang/platform';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

export interface Refusal {
  status: number;
  /** SPEC.md's code, or GraphQL's protocol code where SPEC.md keeps those (BAD_REQUEST). */
  code: string;
  reason: string;
  params?: Record<string, string | number>;
  /** More `extensions` (e.g. `params` a client can read without parsing the message). */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Answers an HTTP-level failure as GraphQL does, `{"errors":[…]}`, in the caller's language; a body
 * still on its way is drained for a moment rather than reset (lingerThenHangUp).
 */
export function refuse(req: Request, res: Response, r: Refusal): void {
  if (res.headersSent) {
    lingerThenHangUp(req);
    return;
  }
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  res.status(r.status).json(graphQLErrorBody(r.code, r.reason, languageOf(req.headers['accept-language']), r.params, r.extensions));
  lingerThenHangUp(req);
}

/** `1048576` → `1 MB`, `921600` → `900 KB`: as request words its upload limit (binary units, as file managers show). */
export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (Number.isInteger(mib)) return `${mib} MB`;
  return `${Math.floor(bytes / 1024)} KB`;
}

/** The 413 of a GraphQL request over MAX_REQUEST_BYTES, decided here before any subgraph sees it. */
export function tooLarge(maxBytes: number): Refusal {
  return {
    status: 413,
    code: 'BAD_USER_INPUT',
    reason: 'GATEWAY.REQUEST_TOO_LARGE',
    params: { limit: formatBytes(maxBytes) },
    extensions: { params: { maxBytes } },
  };
}

/** What body-parser (express.json) reports, by its error `type`, as the client's failure it is. */
export function bodyParserErrors(maxBytes: number): ErrorRequestHandler {
  return (err: { type?: string }, req, res, next) => {
    switch (err?.type) {
      case 'entity.parse.failed':
        return refuse(req, res, { status: 400, code: 'BAD_REQUEST', reason: 'GATEWAY.MALFORMED_JSON' });
      case 'entity.too.large':
        return refuse(req, res, tooLarge(maxBytes));
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return refuse(req, res, { status: 415, code: 'BAD_REQUEST', reason: 'GATEWAY.UNSUPPORTED_ENCODING' });
      case 'request.aborted':
        // The client went away: there is no one to answer.
        return void req.socket.destroy();
      case 'request.size.invalid':
        return refuse(req, res, {
          status: 400,
          code: 'BAD_REQUEST',
          reason: 'GATEWAY.BAD_REQUEST',
          params: { detail: 'the body is not as long as its Content-Length said' },
        });
      default:
        return next(err);
    }
  };
}

/** The gateway's routes and their methods: a known path with another method is 405, anything else 404. */
const ROUTES: Array<{ path: RegExp; methods: string[] }> = [
  { path: /^\/graphql(\/.*)?$/, methods: ['GET', 'POST'] },
  { path: /^\/uploads\/?$/, methods: ['POST'] },
  { path: /^\/uploads\/[^/]+\/?$/, methods: ['GET'] },
  { path: /^\/open-data\/[^/]+$/, methods: ['GET'] },
  { path: /^\/ikm-reports\/[^/]+\/[^/]+$/, methods: ['GET'] },
  { path: /^\/health\/(live|ready)\/?$/, methods: ['GET'] },
  { path: /^\/metrics\/?$/, methods: ['GET'] },
];

/** The last handler: JSON for a path the gateway does not serve, never Express's HTML page. */
export const notFound: RequestHandler = (req, res) => {
  const route = ROUTES.find((r) => r.path.test(req.path));
  if (route) return methodNotAllowed(req, res, route.methods);
  refuse(req, res, { status: 404, code: 'NOT_FOUND', reason: 'GATEWAY.NOT_FOUND', params: { path: req.path.slice(0, 200) } });
};

export function methodNotAllowed(req: Request, res: Response, allowed: string[]): void {
  refuse(req, res, {
    status: 405,
    code: 'BAD_REQUEST',
    reason: 'GATEWAY.METHOD_NOT_ALLOWED',
    params: { method: req.method.slice(0, 20), allowed: allowed.join(', ') },
    headers: { allow: allowed.join(', ') },
  });
}

/**
 * The last error handler: whatever reached it is ours (or a malformed URL, which Express marks
 * 400). Never Express's default page, which shows the stack and the server's paths.
 */
export function lastErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: { status?: number; statusCode?: number; message?: string; stack?: string }, req, res, _next) => {
    const status = err?.status ?? err?.statusCode;
    if (status && status >= 400 && status < 500) {
      return refuse(req, res, {
        status,
        code: 'BAD_REQUEST',
        reason: 'GATEWAY.BAD_REQUEST',
        params: { detail: status === 404 ? 'not found' : 'malformed request' },
      });
    }
    log.error({ err: String(err?.stack ?? err), path: req.path }, 'unexpected error in the HTTP layer');
    refuse(req, res, { status: 500, code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL_SERVER_ERROR' });
  };
}

/**
 * A body that sends nothing for `ms` is answered (by `answer`, when nothing was answered yet) and
 * cut off: a stalled client must not hold a socket, a parser or an upload slot until Node's
 * five-minute request timeout. The timer is the socket's idle timer, reset by every byte.
 */
export function bodyIdleTimeout(ms: number, answer: (req: Request, res: Response) => void): RequestHandler {
  return (req, res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody || req.complete) return next();
    // A listener on the request's timeout keeps Node from destroying the socket on its own.
    req.setTimeout(ms, () => {
      if (req.complete) return;
      if (!res.headersSent) answer(req, res);
      else req.socket.destroy();
    });
    // The timer belongs to the socket, which outlives this request on a kept-alive connection.
    const clear = () => req.socket.setTimeout(0);
    req.once('end', clear);
    res.once('finish', clear);
    next();
  };
}

/** Requests whose client waits for "100 Continue" before it sends the body (Expect: 100-continue). */
const waitingForContinue = new WeakSet<IncomingMessage>();

/**
 * The server's `checkContinue` listener: instead of Node's automatic "100 Continue", the route
 * says go ahead (goAhead) once it has checked what it can from the headers, so a body it refuses
 * (too large, not signed in) is never sent at all.
 */
export function holdContinue(handle: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    waitingForContinue.add(req);
    handle(req, res);
  };
}

/** Tells a client waiting for "100 Continue" to send its body; nothing for any other. */
export function goAhead(req: IncomingMessage, res: ServerResponse): void {
  if (!waitingForContinue.delete(req)) return;
  res.writeContinue();
}

/**
 * A request Node's HTTP parser cannot even read (a broken request line, a body sent without
 * Content-Length, headers too large): Node would answer a bare 400 or drop the connection. Here it
 * is JSON like every other failure, in Indonesian (no header could be read to ask for another
 * language), and the connection is closed, as nothing after such bytes can be trusted.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(graphQLErrorBody('BAD_REQUEST', 'GATEWAY.MALFORMED_HTTP', 'id'));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
