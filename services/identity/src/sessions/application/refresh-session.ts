import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, PG_POOL, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { RefreshTokenInvalid, RefreshTokenReused, SessionEnded } from '../../person';
import { judgeRefresh } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { withPersonLock } from '../../person';
import { SessionsRepository } from '../infra/sessions.repository';
import { PersonReader } from '../../person';
import { secretDigest } from '../../person';
import { SessionIssuer, type AuthResult, type MintedSession } from './session-issuer';
import { SessionRevoker } from './session-revoker';

/**
 * Exchanges a refresh token for a new session of the same family: the presented one becomes used.
 * Presenting a used one again (reuse) revokes the whole family, then answers REFRESH_TOKEN_REUSED.
 */
@Injectable()
export class RefreshSessionHandler {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly issuer: SessionIssuer,
    private readonly revoker: SessionRevoker,
    private readonly persons: PersonReader,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(refreshToken: string, traceparent?: string): Promise<AuthResult> {
    const hash = secretDigest(refreshToken);
    const found = await this.sessions.byRefreshTokenHash(hash);
    if (!found) throw new RefreshTokenInvalid();
    const person = await this.persons.state(found.personId);
    if (!person.exists) throw new RefreshTokenInvalid();

    const outcome = await withPersonLock(this.db, found.personId, async (tx): Promise<MintedSession | 'reused'> => {
      const now = this.clock.now();
      const session = (await this.sessions.byId(found.id, tx))!; // read again under the lock: a concurrent refresh may have used it
      switch (judgeRefresh(session, now)) {
        case 'revoked':
          throw new SessionEnded();
        case 'expired':
          throw new RefreshTokenInvalid();
        case 'reuse': {
          const family = await this.sessions.unrevokedInFamily(session.familyId, tx);
          await this.revoker.revoke(
            {
              personId: session.personId,
              sessions: family,
              reason: 'REFRESH_TOKEN_REUSED',
              now,
              actor: { id: 'system', role: 'SYSTEM' },
              traceparent,
            },
            tx,
          );
          return 'reused'; // committed before answering: the revocation must stand
        }
        case 'rotate':
          await this.sessions.markUsed(session.id, now, tx);
          return this.issuer.next(session.personId, session.familyId, now, tx);
      }
    });
    if (outcome === 'reused') throw new RefreshTokenReused();
    return this.issuer.tokens({ personId: found.personId, roles: person.roles, agencyId: person.agencyId }, this.config.TENANT, outcome);
  }
}
