import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type AuthUser, type Clock } from '@serang/platform';
import { SessionEnded } from '../../person';
import { SessionsRepository } from '../infra/sessions.repository';

/** How long another replica may go on trusting a session it saw alive. */
const CACHE_MS = 2_000;
const CACHE_MAX = 10_000;

/**
 * Refuses access tokens of revoked sessions: a signature alone stays valid until the token
 * expires, so identity looks the session (`sid`) up. Answers are cached for two seconds per
 * process; this process forgets a session the moment it revokes it (`forget`).
 */
@Injectable()
export class SessionCheck {
  private readonly cache = new Map<string, { live: boolean; at: number }>();

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async assertLive(user: AuthUser): Promise<void> {
    const now = this.clock.now().getTime();
    let hit = this.cache.get(user.sessionId);
    if (!hit || now - hit.at >= CACHE_MS) {
      const s = await this.sessions.byId(user.sessionId);
      hit = { live: !!s && !s.revokedAt && s.personId === user.id, at: now };
      if (this.cache.size >= CACHE_MAX) this.cache.clear(); // crude, but bounded
      this.cache.set(user.sessionId, hit);
    }
    if (!hit.live) throw new SessionEnded();
  }

  forget(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.cache.delete(id);
  }
}
