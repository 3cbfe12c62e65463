import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, PG_POOL, type AuthUser, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import type { ErasureReason } from '../../person';
import { InvalidInput, NotAllowed, PersonNotFound } from '../../person';
import { Person } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AccountsRepository } from '../../person';
import { PasswordHasher } from '../../person';
import { withPersonLock } from '../../person';
import { SessionsRepository } from '../../sessions';
import { ErasureEffects } from '../../person';
import { actorOf } from '../../person';
import { SessionCheck } from '../../sessions';

/**
 * Erasure (crypto-shredding): the person's sessions are revoked and `PersonErased` is appended
 * in one append, then identity destroys its own key, lookups and credentials at once; every
 * other service destroys its keys for the person when it sees `PersonErased`. What happened
 * stays (events, counts, timelines); who it happened to can no longer be read anywhere.
 */
@Injectable()
export class ErasePersonHandler {
  constructor(
    private readonly check: SessionCheck,
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsRepository,
    private readonly effects: ErasureEffects,
    private readonly handler: CommandHandler,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A citizen erases themself, confirming with their password. */
  async eraseSelf(user: AuthUser, password: string, traceparent?: string): Promise<void> {
    await this.check.assertLive(user);
    if (!user.roles.includes('CITIZEN')) throw new NotAllowed('staff accounts are closed by their admins, not erased by themselves');
    if (!(await this.passwords.verify(await this.accounts.passwordHash(user.id), password)))
      throw new InvalidInput({ password: 'IDENTITY.CURRENT_PASSWORD_WRONG' });
    await this.erase(user, user.id, 'CITIZEN_REQUEST', traceparent);
  }

  /** A platform admin's equivalent, on a citizen's written request (or an invitation never accepted). */
  async eraseByAdmin(admin: AuthUser, subjectId: string, traceparent?: string): Promise<void> {
    await this.check.assertLive(admin);
    if (!admin.roles.includes('PLATFORM_ADMIN')) throw new NotAllowed('only platform admins erase others');
    if (subjectId === admin.id) throw new NotAllowed('an admin does not erase themself');
    await this.erase(admin, subjectId, 'ADMIN_REQUEST', traceparent);
  }

  private async erase(actor: AuthUser, personId: string, reason: ErasureReason, traceparent?: string): Promise<void> {
    const revoked = await withPersonLock(this.db, personId, async (tx) => {
      const now = this.clock.now();
      const live = await this.sessions.unrevokedOfPerson(personId, tx);
      const data = { personId, reason, sessions: live, accessTokenTtlMs: this.config.ACCESS_TOKEN_TTL_SECONDS * 1000 };
      await this.handler.handle(
        Person,
        personId,
        { type: 'ErasePerson', data, metadata: { now, actor: actorOf(actor), traceparent } },
        {
          guard: (state) => {
            if (state.status === 'NONE') throw new PersonNotFound(personId);
          },
          // The rows are revoked with the events that say so, in the person's transaction.
          beforeAppend: () =>
            this.sessions.revoke(
              live.map((s) => s.id),
              now,
              'PERSON_ERASED',
              tx,
            ),
        },
      );
      return live.map((s) => s.id);
    });
    this.check.forget(revoked);
    await withPersonLock(this.db, personId, (tx) => this.effects.apply(personId, tx));
  }
}
