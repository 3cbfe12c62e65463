import type { AuthUser, TokenVerifier } from '@serang/platform';
import type { RevokedSessions } from './revoked-sessions';

/** How the gateway admits a caller: anonymous (no bearer token), signed in, or refused. */
export type Admission = { user?: AuthUser } | { refused: 'AUTH.INVALID_TOKEN' | 'AUTH.SESSION_REVOKED' };

/**
 * Verifies a bearer token before anything is forwarded, for GraphQL and uploads alike. Subgraphs
 * other than identity trust a verified token alone: the gateway stops a signed-out session's
 * tokens for them, before they expire.
 */
export async function admitCaller(
  authorization: string | undefined,
  verifier: TokenVerifier,
  revoked: RevokedSessions,
  now: Date,
): Promise<Admission> {
  if (!authorization?.startsWith('Bearer ')) return {};
  let user: AuthUser;
  try {
    user = await verifier.verify(authorization.slice(7).trim());
  } catch {
    return { refused: 'AUTH.INVALID_TOKEN' };
  }
  if (revoked.isRevoked(user.sessionId, now)) return { refused: 'AUTH.SESSION_REVOKED' };
  return { user };
}

/**
 * The caller's address: the socket peer, or — behind `hops` trusted proxies — the address the
 * outermost trusted proxy saw (entries further left are the client's own claims and untrusted).
 */
export function clientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, hops: number): string {
  const peer = (socketAddress ?? 'unknown').replace(/^::ffff:/, '');
  if (hops === 0) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? peer;
}
