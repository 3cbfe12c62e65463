import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, PG_POOL, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { Vault } from '@serang/vault';
import { normaliseName } from '../../person';
import { InvalidInput, InvitationInvalid } from '../../person';
import { checkPassword } from '../../person';
import { Person, type PersonCommand, type PersonState } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AccountsRepository } from '../../person';
import { PasswordHasher } from '../../person';
import { secretDigest } from '../../person';
import { withPersonLock } from '../../person';
import { StaffQueries } from '../infra/staff.queries';
import { SessionIssuer, type AuthResult } from '../../sessions';

export interface AcceptInvitationForm {
  token: string;
  name: string;
  password: string;
}

/**
 * The invited person follows the e-mailed link, names themself and chooses a password: the
 * account is created with the invitation's roles and agency (never what the form says), the
 * link dies, and they are signed in. Unknown, used, revoked and expired links answer alike.
 */
@Injectable()
export class AcceptInvitationHandler {
  constructor(
    private readonly staff: StaffQueries,
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly vault: Vault,
    private readonly handler: CommandHandler,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(form: AcceptInvitationForm, traceparent?: string): Promise<AuthResult> {
    const personId = /^[A-Za-z0-9_-]{20,100}$/.test(form.token) ? await this.staff.personOfToken(secretDigest(form.token)) : undefined;
    if (!personId) throw new InvitationInvalid();
    const name = normaliseName(form.name);
    const weak = checkPassword(form.password);
    if (!name.ok || weak) throw new InvalidInput({ ...(name.ok ? {} : { name: name.problem }), ...(weak ? { password: weak } : {}) });

    const nameCiphertext = await this.vault.encrypt(personId, 'name', name.value);
    const hash = await this.passwords.hash(form.password); // outside the lock: hashing is slow
    // Under the person's lock: two acceptances at once cannot both set the password; the hash
    // commits only with the event, so the account that exists is the one that can sign in.
    const created = await withPersonLock(this.db, personId, async (tx) => {
      const now = this.clock.now();
      const { events } = await this.handler.handle(
        Person,
        personId,
        (state): PersonCommand => ({
          type: 'AcceptStaffInvitation',
          data: { personId, nameCiphertext },
          metadata: { now, actor: invitedActor(personId, state), traceparent },
        }),
        {
          beforeAppend: () => this.accounts.setPasswordHash(personId, hash, tx),
          conflict: () => new InvitationInvalid(), // revoked at the same moment
        },
      );
      const [event] = events;
      if (event?.type !== 'StaffAccountCreated') throw new Error(`unexpected ${event?.type}`);
      return event.data;
    });
    // The token row stays (its account exists now): a second use of the link is told so (CONFLICT).
    return this.sessions.start({ personId, roles: created.roles, agencyId: created.agencyId }, this.config.TENANT);
  }
}

/** The invited person acts as the staff member they are becoming (the decider refuses anyone else). */
function invitedActor(personId: string, state: PersonState): { id: string; role: string; agency?: string } {
  if (state.status !== 'INVITED') return { id: personId, role: 'NONE' };
  return { id: personId, role: state.roles[0], ...(state.agencyId ? { agency: state.agencyId } : {}) };
}
