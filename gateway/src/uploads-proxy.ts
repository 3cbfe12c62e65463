import { Agent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { httpErrorBody, languageOf, lingerThenHangUp, type Clock, type ErrorCode, type Lang, type TokenVerifier } from '@serang/platform';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { admitCaller, clientAddress } from './caller';
import type { RevokedSessions } from './revoked-sessions';

export interface UploadsProxyOptions {
  /** request's origin (scheme, host, port): uploads go to `<origin>/uploads`. */
  target: URL;
  verifier: TokenVerifier;
  revoked: RevokedSessions;
  clock: Clock;
  trustProxyHops: number;
  log: Logger;
}

/** What request needs to hear from the client, besides the body. */
const FORWARDED = ['authorization', 'accept-language', 'traceparent', 'tracestate', 'content-type', 'content-length'] as const;
/** What the client needs to hear from request, besides the body (no hop-by-hop headers). */
const RETURNED = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'cache-control', 'content-security-policy', 'retry-after'] as const;

/**
 * SPEC.md's `POST /uploads` (and the owner's `GET /uploads/:id`) on the gateway's origin, passed to
 * request as a stream in both directions: the gateway never holds a whole document, and applies
 * no body limit of its own (request's UPLOAD_MAX_BYTES is the limit, checked as the bytes pass).
 * The token is verified and revoked sessions are refused here first, as for GraphQL.
 */
export function uploadsProxy(opts: UploadsProxyOptions): RequestHandler {
  const agent = new Agent({ keepAlive: true });
  const send = opts.target.protocol === 'https:' ? httpsRequest : httpRequest;
  return (req, res) => {
    void (async () => {
      const lang = languageOf(req.headers['accept-language']);
      const admission = await admitCaller(one(req.headers.authorization), opts.verifier, opts.revoked, opts.clock.now());
      if ('refused' in admission) return refuse(req, res, 401, 'UNAUTHENTICATED', admission.refused, lang);
      // Every upload route needs a signed-in caller: no need to carry an anonymous body further.
      if (!admission.user) return refuse(req, res, 401, 'UNAUTHENTICATED', 'UNAUTHENTICATED', lang);

      const headers: OutgoingHttpHeaders = {};
      for (const h of FORWARDED) {
        const v = one(req.headers[h]);
        if (v !== undefined) headers[h] = v;
      }
      headers['x-forwarded-for'] = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, opts.trustProxyHops);
      const path = req.method === 'GET' ? `/uploads/${encodeURIComponent(String(req.params.id))}` : '/uploads';
      const upstream = send(new URL(path, opts.target), { method: req.method, headers, agent: opts.target.protocol === 'https:' ? undefined : agent });

      upstream.on('response', (answer: IncomingMessage) => {
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
      upstream.on('error', (e) => {
        if (res.headersSent) return void res.destroy();
        opts.log.warn({ error: e.message }, 'uploads: request is unreachable');
        refuse(req, res, 502, 'INTERNAL_SERVER_ERROR', 'GATEWAY.UPSTREAM_UNAVAILABLE', lang);
      });
      // The client went away mid-upload: so does the upload to request.
      req.on('close', () => {
        if (!req.complete) upstream.destroy();
      });
      req.pipe(upstream);
    })().catch((e: Error) => {
      opts.log.error({ error: e.message }, 'uploads: unexpected error');
      if (!res.headersSent) refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR', 'id');
    });
  };
}

function refuse(req: Request, res: Response, status: number, code: ErrorCode, reason: string, lang: Lang): void {
  res.status(status).json(httpErrorBody(code, reason, lang));
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
