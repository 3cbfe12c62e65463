import type { Request, RequestHandler, Response } from 'express';
import { refuse } from './http-errors';

/** The open data files analytics publishes (Satu Data): public, read-only. */
const FILE = /^[a-z0-9-]+\.(csv|json)$/;
const RETURNED = ['content-type', 'content-disposition', 'cache-control'] as const;

/** The analytics subgraph's origin, from the supergraph or SUBGRAPH_ANALYTICS_URL. */
export function analyticsOrigin(supergraphSdl: string, override: string | undefined): URL {
  const named = /@join__graph\(name: "analytics", url: "([^"]+)"\)/.exec(supergraphSdl)?.[1];
  const url = override ?? named;
  if (!url) throw new Error('the supergraph names no analytics subgraph URL and SUBGRAPH_ANALYTICS_URL is not set');
  return new URL('/', url);
}

/**
 * `GET /open-data/<file>` on the gateway's origin: analytics' open data (monthly submissions per
 * agency and service, small cells suppressed), passed through. No token is needed or forwarded.
 */
export function openDataProxy(target: URL): RequestHandler {
  const notFound = (req: Request, res: Response) =>
    refuse(req, res, { status: 404, code: 'NOT_FOUND', reason: 'GATEWAY.NOT_FOUND', params: { path: req.path.slice(0, 200) } });
  return (req, res) => {
    const file = String(req.params.file ?? '');
    if (!FILE.test(file)) return notFound(req, res);
    void (async () => {
      try {
        const answer = await fetch(new URL(`/open-data/${file}`, target), { signal: AbortSignal.timeout(30_000) });
        if (answer.status === 404) return notFound(req, res);
        if (!answer.ok) throw new Error(`analytics answered ${answer.status}`);
        res.status(200);
        for (const h of RETURNED) {
          const v = answer.headers.get(h);
          if (v) res.setHeader(h, v);
        }
        res.setHeader('x-content-type-options', 'nosniff');
        res.send(Buffer.from(await answer.arrayBuffer()));
      } catch {
        refuse(req, res, { status: 502, code: 'INTERNAL_SERVER_ERROR', reason: 'GATEWAY.UPSTREAM_UNAVAILABLE' });
      }
    })();
  };
}
