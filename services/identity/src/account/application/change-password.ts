import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, PG_POOL, type AuthUser, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { InvalidInput, PersonNotFound } from '../../person';
import { checkPassword } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AccountsRepository } from '../../person';
import { PasswordHasher } from '../../person';
import { withPersonLock } from '../../person';
import { SessionsRepository } from '../../sessions';
import { actorOf } from '../../person';
import { PersonReader } from '../../person';
import { SessionCheck } from '../../sessions';
import { SessionIssuer, type AuthResult } from '../../sessions';
import { SessionRevoker } from '../../sessions';

export interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the caller's password after checking the current one, and revokes every session of the
 * person, the caller's own included (whoever knew the old password may hold one): the caller gets
 * a fresh session in the answer instead.
 */
@Injectable()
export class ChangePasswordHandler {
  constructor(
    private readonly check: SessionCheck,
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsRepository,
    private readonly revoker: SessionRevoker,
    private readonly issuer: SessionIssuer,
    private readonly persons: PersonReader,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(user: AuthUser, form: ChangePasswordForm, traceparent?: string): Promise<AuthResult> {
    await this.check.assertLive(user);
    const current = await this.accounts.passwordHash(user.id);
    if (!current) throw new PersonNotFound(user.id);
    const fields: Record<string, string> = {};
    if (!(await this.passwords.verify(current, form.currentPassword))) fields.currentPassword = 'IDENTITY.CURRENT_PASSWORD_WRONG';
    const weak = checkPassword(form.newPassword);
    if (weak) fields.newPassword = weak;
    if (Object.keys(fields).length > 0) throw new InvalidInput(fields);

    const hash = await this.passwords.hash(form.newPassword); // outside the lock: hashing is slow
    await withPersonLock(this.db, user.id, async (tx) => {
      await this.accounts.replacePasswordHash(user.id, hash, tx);
      const all = await this.sessions.unrevokedOfPerson(user.id, tx);
      await this.revoker.revoke(
        { personId: user.id, sessions: all, reason: 'PASSWORD_CHANGED', now: this.clock.now(), actor: actorOf(user), traceparent },
        tx,
      );
    });
    const person = await this.persons.state(user.id);
    if (!person.exists) throw new PersonNotFound(user.id);
    return this.issuer.start({ personId: user.id, roles: person.roles, agencyId: person.agencyId }, this.config.TENANT);
  }
}
