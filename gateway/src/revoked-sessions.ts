/**
 * How long a revocation must be remembered: an access token lives at most 15 minutes after its
 * session's last sign-in or refresh (identity caps ACCESS_TOKEN_TTL_SECONDS at 900), which is never
 * after the revocation; one more minute covers clock skew between identity and the gateway.
 */
export const REVOCATION_MEMORY_MS = (15 + 1) * 60_000;

/**
 * The sessions identity has revoked whose access tokens may still be unexpired: sid → the instant
 * after which no token of that session can verify anyway, so the entry can go. Pure and in memory;
 * every gateway replica fills its own from identity's SessionRevoked events.
 */
export class RevokedSessions {
  private readonly until = new Map<string, number>();
  private lastPrune = 0;

  /** Records a revocation; returns false when it is already too old to matter (and is skipped). */
  revoke(sessionId: string, revokedAt: Date, now: Date): boolean {
    const expiry = revokedAt.getTime() + REVOCATION_MEMORY_MS;
    if (Number.isNaN(expiry) || expiry <= now.getTime()) return false;
    this.until.set(sessionId, Math.max(expiry, this.until.get(sessionId) ?? 0));
    this.pruneNowAndThen(now);
    return true;
  }

  isRevoked(sessionId: string, now: Date): boolean {
    const expiry = this.until.get(sessionId);
    if (expiry === undefined) return false;
    if (expiry > now.getTime()) return true;
    this.until.delete(sessionId);
    return false;
  }

  /** Drops every entry past its expiry. */
  prune(now: Date): void {
    const t = now.getTime();
    for (const [sid, expiry] of this.until) if (expiry <= t) this.until.delete(sid);
    this.lastPrune = t;
  }

  get size(): number {
    return this.until.size;
  }

  /** Keeps memory bounded by the revocations of the last 16 minutes without a timer. */
  private pruneNowAndThen(now: Date): void {
    if (now.getTime() - this.lastPrune >= 60_000) this.prune(now);
  }
}
