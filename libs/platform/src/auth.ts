import type { Request } from 'express';
import type { PlatformConfig } from './config';
import { AppError, languageOf, type Lang } from './errors';

/** Who is calling, as the access token says: every service decides from the token alone. */
export interface AuthUser {
  id: string;
  sessionId: string;
  roles: string[];
  agency?: string;
  tenant: string;
}

export const ROLES = ['CITIZEN', 'OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN', 'AGENCY_SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

type JWKS = ReturnType<typeof import('jose', { with: { 'resolution-mode': 'import' } }).createRemoteJWKSet>;

/**
 * Verifies identity's ES256 access tokens against its JWKS (fetched and cached, re-fetched when
 * an unknown `kid` appears, so key rotation needs no restart). jose is an ES module: this is the
 * one adapter that loads it.
 */
export class TokenVerifier {
  private jwks?: JWKS;

  constructor(
    private readonly jwksUrl: string,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  async verify(token: string): Promise<AuthUser> {
    const jose = await import('jose');
    this.jwks ??= jose.createRemoteJWKSet(new URL(this.jwksUrl), { cooldownDuration: 1_000, cacheMaxAge: 10 * 60_000 });
    const { payload } = await jose.jwtVerify(token, this.jwks, { issuer: this.issuer, audience: this.audience, algorithms: ['ES256'] });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !Array.isArray(payload.roles))
      throw new Error('token lacks sub, sid or roles');
    return {
      id: payload.sub,
      sessionId: payload.sid,
      roles: (payload.roles as unknown[]).map(String),
      agency: typeof payload.agency === 'string' ? payload.agency : undefined,
      tenant: typeof payload.tenant === 'string' ? payload.tenant : '3604',
    };
  }
}

const verifiers = new Map<string, TokenVerifier>();

/**
 * The process's one verifier for these settings: it caches identity's JWKS, so the GraphQL context
 * and a service's HTTP endpoints (request's uploads) share one cache rather than fetching twice.
 */
export function tokenVerifierFor(config: Pick<PlatformConfig, 'IDENTITY_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>): TokenVerifier {
  const key = `${config.IDENTITY_JWKS_URL}\u0000${config.JWT_ISSUER}\u0000${config.JWT_AUDIENCE}`;
  let verifier = verifiers.get(key);
  if (!verifier) verifiers.set(key, (verifier = new TokenVerifier(config.IDENTITY_JWKS_URL, config.JWT_ISSUER, config.JWT_AUDIENCE)));
  return verifier;
}

/** The GraphQL context of every subgraph (and what HTTP endpoints build the same way). */
export interface RequestContext {
  req: Request;
  lang: Lang;
  user?: AuthUser;
  /** A token was sent but did not verify: protected operations answer UNAUTHENTICATED. */
  authError?: string;
  traceparent?: string;
}

export async function buildContext(req: Request, verifier: TokenVerifier): Promise<RequestContext> {
  const ctx: RequestContext = { req, lang: languageOf(req.headers['accept-language']), traceparent: header(req, 'traceparent') };
  const auth = header(req, 'authorization');
  if (auth?.startsWith('Bearer ')) {
    try {
      ctx.user = await verifier.verify(auth.slice(7).trim());
    } catch (e) {
      ctx.authError = (e as Error).message;
    }
  }
  return ctx;
}

/** The signed-in caller, holding one of `roles` (any role when none given). */
export function requireUser(ctx: RequestContext, ...roles: Role[]): AuthUser {
  if (ctx.authError) throw new AppError('UNAUTHENTICATED', 'AUTH.INVALID_TOKEN');
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'UNAUTHENTICATED');
  if (roles.length > 0 && !roles.some((r) => ctx.user!.roles.includes(r))) throw new AppError('FORBIDDEN', 'FORBIDDEN');
  return ctx.user;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
