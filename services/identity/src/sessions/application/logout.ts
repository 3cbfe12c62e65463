import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, PG_POOL, type AuthUser, type Clock } from '@serang/platform';
import { actorOf } from '../../person';
import type { Pool } from 'pg';
import { withPersonLock } from '../../person';
import { SessionsRepository } from '../infra/sessions.repository';
import { SessionCheck } from './session-check';
import { SessionRevoker } from './session-revoker';

/** Signs the caller out: their current session and its whole family (every refresh of this sign-in). */
@Injectable()
export class LogoutHandler {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly check: SessionCheck,
    private readonly revoker: SessionRevoker,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(user: AuthUser, traceparent?: string): Promise<true> {
    await this.check.assertLive(user);
    await withPersonLock(this.db, user.id, async (tx) => {
      const current = await this.sessions.byId(user.sessionId, tx);
      if (!current) return;
      const family = await this.sessions.unrevokedInFamily(current.familyId, tx);
      await this.revoker.revoke(
        { personId: user.id, sessions: family, reason: 'LOGOUT', now: this.clock.now(), actor: actorOf(user), traceparent },
        tx,
      );
    });
    return true;
  }
}
