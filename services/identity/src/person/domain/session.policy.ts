import type { SessionRevoked, SessionRevokeReason } from './identity.events';

/** One stored session (one refresh token) as the rotation rules see it. */
export interface SessionRecord {
  id: string;
  personId: string;
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when its refresh token was exchanged for the next one in the family. */
  usedAt?: Date;
  revokedAt?: Date;
}

export type RefreshVerdict = 'rotate' | 'reuse' | 'revoked' | 'expired';

/**
 * What presenting a session's refresh token means. A token that was already exchanged is a reuse:
 * either it was stolen or the thief already used it, and the family cannot tell which, so the
 * whole family must go. Revocation is checked first: a dead family answers the same for every token.
 */
export function judgeRefresh(s: SessionRecord, now: Date): RefreshVerdict {
  if (s.revokedAt) return 'revoked';
  if (s.usedAt) return 'reuse';
  if (s.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}

/**
 * The SessionRevoked events for sessions being revoked. Only sessions whose access tokens may
 * still be alive are announced (an access token lives `accessTokenTtlMs`, plus a minute of clock
 * skew): older ones need no one to reject them, and a long-refreshed family would otherwise turn
 * one logout into thousands of events.
 */
export function sessionRevocations(
  sessions: readonly SessionRecord[],
  reason: SessionRevokeReason,
  now: Date,
  accessTokenTtlMs: number,
): SessionRevoked[] {
  const oldestLive = now.getTime() - accessTokenTtlMs - 60_000;
  return sessions
    .filter((s) => !s.revokedAt && s.createdAt.getTime() > oldestLive)
    .map((s) => ({ type: 'SessionRevoked', data: { sessionId: s.id, personId: s.personId, revokedAt: now.toISOString(), reason } }));
}
