import { KEEP_ALIVE_CLIENT_IDLE_MS } from './subgraph-fetcher';
import { Agent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { httpErrorBody, languageOf, lingerThenHangUp, type Clock, type ErrorCode, type Lang, type TokenVerifier } from '@serang/platform';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { admitCaller, clientAddress } from './caller';
import { formatBytes, goAhead } from './http-errors';
import type { RevokedSessions } from './revoked-sessions';

export interface UploadsProxyOptions {
  /** request's origin (scheme, host, port): uploads go to `<origin>/uploads`. */
  target: URL;
  verifier: TokenVerifier;
  revoked: RevokedSessions;
  clock: Clock;
  trustProxyHops: number;
  /** request's UPLOAD_MAX_BYTES: a larger body is refused here, before it is carried to request. */
  maxFileBytes: number;
  log: Logger;
}

/** Room for the multipart framing around the file, as request allows it (multipart-file.reader). */
const FRAMING_BYTES = 64 * 1024;

/** What request needs to hear from the client, besides the body. */
const FORWARDED = ['authorization', 'accept-language', 'traceparent', 'tracestate', 'content-type', 'content-length'] as const;
/** What the client needs to hear from request, besides the body (no hop-by-hop headers). */
const RETURNED = [
  'content-type',
  'content-length',
  'content-disposition',
  'x-content-type-options',
  'cache-control',
  'content-security-policy',
  'retry-after',
] as const;

/**
 * SPEC.md's `POST /uploads` (and the owner's `GET /uploads/:id`) on the gateway's origin, passed to
 * request as a stream in both directions: the gateway never holds a whole document. The token is
 * verified and revoked sessions are refused here first, as for GraphQL; then a body larger than
 * request would take (UPLOAD_MAX_BYTES and the framing around the file) is refused here too —
 * from its declared length before a byte is read (a client that waits for "100 Continue" sends
 * nothing), or as the bytes pass — so the client hears 413 from the gateway rather than a reset
 * from a race between request hanging up and the gateway still carrying the body.
 */
export function uploadsProxy(opts: UploadsProxyOptions): RequestHandler {
  // Idle sockets closed before request would close them, as for subgraphs.
  const agent = new Agent({ keepAlive: true, timeout: KEEP_ALIVE_CLIENT_IDLE_MS });
  const send = opts.target.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBodyBytes = opts.maxFileBytes + FRAMING_BYTES;
  const tooLarge = { limit: formatBytes(opts.maxFileBytes) };
  return (req, res) => {
    void (async () => {
      const lang = languageOf(req.headers['accept-language']);
      const admission = await admitCaller(one(req.headers.authorization), opts.verifier, opts.revoked, opts.clock.now());
      if ('refused' in admission) return refuse(req, res, 401, 'UNAUTHENTICATED', admission.refused, lang);
      // Every upload route needs a signed-in caller: no need to carry an anonymous body further.
      if (!admission.user) return refuse(req, res, 401, 'UNAUTHENTICATED', 'UNAUTHENTICATED', lang);
      if (req.method === 'POST' && Number(req.headers['content-length'] ?? 0) > maxBodyBytes)
        return refuse(req, res, 413, 'BAD_USER_INPUT', 'UPLOAD.TOO_LARGE', lang, tooLarge);
      goAhead(req, res);

      const headers: OutgoingHttpHeaders = {};
      for (const h of FORWARDED) {
        const v = one(req.headers[h]);
        if (v !== undefined) headers[h] = v;
      }
      headers['x-forwarded-for'] = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, opts.trustProxyHops);
      const path = req.method === 'GET' ? `/uploads/${encodeURIComponent(String(req.params.id))}` : '/uploads';
      const upstream = send(new URL(path, opts.target), {
        method: req.method,
        headers,
        agent: opts.target.protocol === 'https:' ? undefined : agent,
      });
      // request hears of the upload now, not with its first byte: it may refuse from the headers alone.
      upstream.flushHeaders();

      upstream.on('response', (answer: IncomingMessage) => {
        // The gateway answered already (too large, stalled): request's late answer has no one to go to.
        if (res.headersSent) {
          answer.resume();
          return void upstream.destroy();
        }
        res.status(answer.statusCode ?? 502);
        for (const h of RETURNED) {
          const v = answer.headers[h];
          if (v !== undefined) res.setHeader(h, v);
        }
        answer.pipe(res);
        // The client left mid-download: the rest is not read, so the connection to request goes too.
        res.on('close', () => {
          if (!answer.complete) upstream.destroy();
        });
        if (!req.complete) {
          // request answered before the body ended (too large, wrong type): stop carrying it.
          req.unpipe(upstream);
          answer.on('end', () => upstream.destroy());
          lingerThenHangUp(req);
        }
      });
      let answeredHere = false;
      upstream.on('error', (e) => {
        // Destroyed on purpose after an answer of the gateway's own, which must still reach the client.
        if (answeredHere || res.writableFinished) return;
        if (res.headersSent) return void res.destroy();
        opts.log.warn({ error: e.message }, 'uploads: request is unreachable');
        refuse(req, res, 502, 'INTERNAL_SERVER_ERROR', 'GATEWAY.UPSTREAM_UNAVAILABLE', lang);
      });
      // The client went away mid-upload (or was cut off for stalling): so does the upload to request.
      req.on('close', () => {
        if (!req.complete) upstream.destroy();
      });
      // A body of undeclared length (chunked) is counted as it passes, against the same bound as request's.
      let received = 0;
      const count = (chunk: Buffer) => {
        received += chunk.length;
        if (received <= maxBodyBytes || res.headersSent) return;
        answeredHere = true;
        req.off('data', count);
        req.unpipe(upstream);
        upstream.destroy();
        refuse(req, res, 413, 'BAD_USER_INPUT', 'UPLOAD.TOO_LARGE', lang, tooLarge);
      };
      if (req.method === 'POST') req.on('data', count);
      req.pipe(upstream);
    })().catch((e: Error) => {
      opts.log.error({ error: e.message }, 'uploads: unexpected error');
      if (!res.headersSent) refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR', 'id');
    });
  };
}

/** An upload's refusal, in the uploads' error shape (httpErrorBody). */
export function refuse(
  req: Request,
  res: Response,
  status: number,
  code: ErrorCode,
  reason: string,
  lang: Lang,
  params: Record<string, string | number> = {},
): void {
  if (res.headersSent) return lingerThenHangUp(req);
  res.status(status).json(httpErrorBody(code, reason, lang, params));
  lingerThenHangUp(req);
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** request's origin: the configured request subgraph URL, else the one the supergraph names. */
export function requestOrigin(supergraphSdl: string, override: string | undefined): URL {
  const named = /@join__graph\(name: "request", url: "([^"]+)"\)/.exec(supergraphSdl)?.[1];
  const url = override ?? named;
  if (!url) throw new Error('the supergraph names no request subgraph URL and SUBGRAPH_REQUEST_URL is not set');
  return new URL('/', url);
}
