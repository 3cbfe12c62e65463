import { systemClock, type TokenVerifier } from '@serang/platform';
import type { Request, RequestHandler, Response } from 'express';
import { admitCaller } from './caller';
import { refuse } from './http-errors';
import type { RevokedSessions } from './revoked-sessions';

const AGENCY = /^[a-z0-9-]{1,64}$/;
const FILE = /^\d{4}-[12]\.csv$/;
const RETURNED = ['content-type', 'content-disposition', 'cache-control'] as const;

/**
 * `GET /ikm-reports/<agency>/<YYYY-1|YYYY-2>.csv` on the gateway's origin: analytics' semester IKM
 * report (docs/feedback-ikm.md). The caller is admitted as for GraphQL (a revoked session's token
 * stops here); analytics decides who may read which agency's report, from the token it is passed.
 */
export function ikmReportProxy(target: URL, verifier: TokenVerifier, revoked: RevokedSessions): RequestHandler {
  const notFound = (req: Request, res: Response) =>
    refuse(req, res, { status: 404, code: 'NOT_FOUND', reason: 'GATEWAY.NOT_FOUND', params: { path: req.path.slice(0, 200) } });
  return (req, res) => {
    const agency = String(req.params.agency ?? '');
    const file = String(req.params.file ?? '');
    if (!AGENCY.test(agency) || !FILE.test(file)) return notFound(req, res);
    void (async () => {
      try {
        const authorization = req.headers.authorization;
        const admission = await admitCaller(authorization, verifier, revoked, systemClock.now());
        if ('refused' in admission) return refuse(req, res, { status: 401, code: 'UNAUTHENTICATED', reason: admission.refused });
        if (!admission.user) return refuse(req, res, { status: 401, code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED' });
        const answer = await fetch(new URL(`/ikm-reports/${agency}/${file}`, target), {
          headers: { authorization: authorization!, 'accept-language': String(req.headers['accept-language'] ?? 'id') },
          signal: AbortSignal.timeout(30_000),
        });
        res.status(answer.status);
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
