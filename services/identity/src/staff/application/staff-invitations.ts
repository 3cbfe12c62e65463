import { inTransaction } from '@serang/db';
import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, PG_POOL, type AuthUser, type Clock } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { normaliseEmail } from '../../person';
import type { StaffRole } from '../../person';
import { AlreadyRegistered, EmailTaken, InvalidInput, InvitationNotPending, PersonNotFound } from '../../person';
import { Person, type PersonState } from '../../person';
import { assertManagesAgency, assertMayInvite, checkStaffRoles } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AccountsRepository } from '../../person';
import { blindIndex } from '../../person';
import { MailOutboxRepository } from '../infra/mail-outbox.repository';
import { newSecret, secretDigest } from '../../person';
import { StaffQueries } from '../infra/staff.queries';
import { AccountOpening } from '../../person';
import { invitationMail } from './invitation-mail';
import { actorOf } from '../../person';
import { MailSender } from './mail-sender';

export const INVITATION_MAIL = 'STAFF_INVITATION';

export interface InviteStaffForm {
  email: string;
  roles: readonly StaffRole[];
  agencyId?: string;
}

export interface InvitationView {
  personId: string;
  roles: StaffRole[];
  agencyId?: string;
  expiresAt: Date;
}

/**
 * Staff invitations: an agency admin (for their agency) or a platform admin invites by e-mail;
 * identity e-mails a single-use, expiring link itself. The link's token exists only in that
 * e-mail: identity keeps its sha256, events and answers never carry it.
 */
@Injectable()
export class StaffInvitations {
  constructor(
    private readonly opening: AccountOpening,
    private readonly accounts: AccountsRepository,
    private readonly staff: StaffQueries,
    private readonly outbox: MailOutboxRepository,
    private readonly sender: MailSender,
    private readonly vault: Vault,
    private readonly handler: CommandHandler,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async invite(caller: AuthUser, form: InviteStaffForm, traceparent?: string): Promise<InvitationView> {
    const email = normaliseEmail(form.email);
    if (!email.ok) throw new InvalidInput({ email: email.problem });
    const agencyId = form.agencyId || undefined;
    assertMayInvite(caller, form.roles, agencyId); // may they at all, before whether the roles fit
    const roles = checkStaffRoles(form.roles, agencyId);
    const agencyName = agencyId ? await this.staff.agencyName(agencyId) : undefined;
    if (agencyId && !agencyName) throw new InvalidInput({ agencyId: 'IDENTITY.AGENCY_UNKNOWN' });

    const personId = uuidv7();
    const now = this.clock.now();
    const expiresAt = this.expiry(now);
    const digest = blindIndex(this.config.blindIndexKey, 'email', email.value);
    try {
      await this.opening.open(personId, [{ kind: 'email', digest }], undefined, async () => {
        const emailCiphertext = await this.vault.encrypt(personId, 'email', email.value);
        const data = { personId, roles, agencyId, emailCiphertext, invitedBy: caller.id, expiresAt };
        await this.handler.handle(
          Person,
          personId,
          { type: 'InviteStaff', data, metadata: { now, actor: actorOf(caller), traceparent } },
          { creating: true },
        );
      });
    } catch (e) {
      if (e instanceof AlreadyRegistered) throw new EmailTaken();
      throw e;
    }
    await this.sendLink(personId, email.value, roles, agencyName, expiresAt);
    return { personId, roles, agencyId, expiresAt };
  }

  /** A fresh link (the old one stops working), e.g. after the first expired or never arrived. */
  async renew(caller: AuthUser, personId: string, traceparent?: string): Promise<InvitationView> {
    const now = this.clock.now();
    const expiresAt = this.expiry(now);
    let invited!: Extract<PersonState, { status: 'INVITED' }>;
    await this.handler.handle(
      Person,
      personId,
      { type: 'RenewStaffInvitation', data: { personId, by: caller.id, expiresAt }, metadata: { now, actor: actorOf(caller), traceparent } },
      { guard: (state) => void (invited = this.pending(caller, personId, state)) },
    );
    const email = await this.vault.decrypt(personId, 'email', invited.emailCiphertext);
    await this.sendLink(personId, email, invited.roles, invited.agencyId ? await this.staff.agencyName(invited.agencyId) : undefined, expiresAt);
    return { personId, roles: [...invited.roles], agencyId: invited.agencyId, expiresAt };
  }

  /** Withdraws a pending invitation: the link dies and the e-mail address is free again. */
  async revoke(caller: AuthUser, personId: string, traceparent?: string): Promise<void> {
    await this.handler.handle(
      Person,
      personId,
      { type: 'RevokeStaffInvitation', data: { personId, by: caller.id }, metadata: { now: this.clock.now(), actor: actorOf(caller), traceparent } },
      { guard: (state) => void this.pending(caller, personId, state) },
    );
    await this.staff.dropToken(personId);
    await this.outbox.dropPending(INVITATION_MAIL, personId);
    await this.accounts.release(personId);
  }

  /** The invitation, if it is pending and the caller manages its agency (or, without one, is a platform admin). */
  private pending(caller: AuthUser, personId: string, state: PersonState): Extract<PersonState, { status: 'INVITED' }> {
    if (state.status === 'NONE') throw new PersonNotFound(personId);
    if (state.status !== 'INVITED') throw new InvitationNotPending();
    assertManagesAgency(caller, state.agencyId);
    return state;
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * 3600_000);
  }

  /** A new token (replacing any earlier one) and its e-mail, queued in one transaction. */
  private async sendLink(
    personId: string,
    email: string,
    roles: readonly StaffRole[],
    agencyName: { id: string; en: string } | undefined,
    expiresAt: Date,
  ): Promise<void> {
    const token = newSecret();
    const link = `${this.config.INVITATION_LINK_BASE}#token=${token}`;
    await inTransaction(this.db, async (tx) => {
      await this.staff.putToken(personId, secretDigest(token), expiresAt, tx);
      await this.outbox.dropPending(INVITATION_MAIL, personId, tx);
      await this.outbox.enqueue(INVITATION_MAIL, personId, invitationMail({ to: email, roles, agencyName, link, expiresAt }), tx);
    });
    this.sender.kick();
  }
}
