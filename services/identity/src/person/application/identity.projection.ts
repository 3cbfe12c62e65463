import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type {
  AgencySystemRegistered,
  AgencySystemRevoked,
  CitizenRegistered,
  PersonErased,
  PersonProfileUpdated,
  StaffAccountCreated,
  StaffInvitationRenewed,
  StaffInvitationRevoked,
  StaffInvited,
} from '../domain/identity.events';
import { ErasureEffects } from './erasure-effects';

/** The persons and agency systems read models from identity's own streams (idempotent; rebuildable by replay). */
@Controller()
export class IdentityProjection {
  constructor(private readonly erasure: ErasureEffects) {}

  @EventPattern('CitizenRegistered')
  async citizenRegistered(@Payload() e: DeliveredEvent<CitizenRegistered['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.persons (id, kind, roles, nik_ciphertext, name_ciphertext, email_ciphertext, phone_ciphertext, status, joined_at, created_at)
       values ($1, 'citizen', array['CITIZEN'], $2, $3, $4, $5, 'ACTIVE', $6, $6) on conflict (id) do nothing`,
      [d.personId, d.nikCiphertext, d.nameCiphertext, d.emailCiphertext, d.phoneCiphertext, d.registeredAt],
    );
  }

  @EventPattern('StaffInvited')
  async staffInvited(@Payload() e: DeliveredEvent<StaffInvited['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.persons (id, kind, roles, agency_id, email_ciphertext, status, invited_by, expires_at, created_at)
       values ($1, 'staff', $2, $3, $4, 'INVITED', $5, $6, $7) on conflict (id) do nothing`,
      [d.personId, d.roles, d.agencyId || null, d.emailCiphertext, d.invitedBy, d.expiresAt, d.invitedAt],
    );
  }

  @EventPattern('StaffInvitationRenewed')
  async invitationRenewed(@Payload() e: DeliveredEvent<StaffInvitationRenewed['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(`update identity.persons set expires_at = $2 where id = $1 and status = 'INVITED'`, [e.data.personId, e.data.expiresAt]);
  }

  @EventPattern('StaffInvitationRevoked')
  async invitationRevoked(@Payload() e: DeliveredEvent<StaffInvitationRevoked['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(`update identity.persons set status = 'INVITATION_REVOKED' where id = $1`, [e.data.personId]);
  }

  /** From an accepted invitation (the row exists) or the configured first platform admin (it does not). */
  @EventPattern('StaffAccountCreated')
  async staffAccountCreated(@Payload() e: DeliveredEvent<StaffAccountCreated['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.persons (id, kind, roles, agency_id, name_ciphertext, email_ciphertext, status, joined_at, created_at)
       values ($1, 'staff', $2, $3, $4, $5, 'ACTIVE', $6, $6)
       on conflict (id) do update set status = 'ACTIVE', roles = excluded.roles, agency_id = excluded.agency_id,
         name_ciphertext = excluded.name_ciphertext, email_ciphertext = excluded.email_ciphertext, joined_at = excluded.joined_at, expires_at = null`,
      [d.personId, d.roles, d.agencyId || null, d.nameCiphertext || null, d.emailCiphertext, e.metadata.occurredAt],
    );
  }

  @EventPattern('PersonProfileUpdated')
  async profileUpdated(@Payload() e: DeliveredEvent<PersonProfileUpdated['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `update identity.persons set name_ciphertext = coalesce($2, name_ciphertext), email_ciphertext = coalesce($3, email_ciphertext),
         phone_ciphertext = coalesce($4, phone_ciphertext), address_ciphertext = coalesce($5, address_ciphertext),
         birth_date_ciphertext = coalesce($6, birth_date_ciphertext)
       where id = $1 and status = 'ACTIVE'`,
      [
        d.personId,
        d.nameCiphertext || null,
        d.emailCiphertext || null,
        d.phoneCiphertext || null,
        d.addressCiphertext || null,
        d.birthDateCiphertext || null,
      ],
    );
  }

  /**
   * The person's row keeps that they existed, and nothing of them: the ciphertexts go (their key
   * is gone anyway), and so do their lookups, credentials and pending links. The erasure command
   * did this already; doing it here too makes it certain after a crash in between.
   */
  @EventPattern('PersonErased')
  async personErased(@Payload() e: DeliveredEvent<PersonErased['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(
      `update identity.persons set status = 'ERASED', erased_at = $2, nik_ciphertext = null, name_ciphertext = null, email_ciphertext = null,
         phone_ciphertext = null, address_ciphertext = null, birth_date_ciphertext = null where id = $1`,
      [e.data.personId, e.data.erasedAt],
    );
    await this.erasure.apply(e.data.personId, ctx.tx);
  }

  @EventPattern('AgencySystemRegistered')
  async systemRegistered(@Payload() e: DeliveredEvent<AgencySystemRegistered['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.agency_systems (id, agency_id, name, status, registered_by, registered_at) values ($1, $2, $3, 'ACTIVE', $4, $5) on conflict (id) do nothing`,
      [d.systemId, d.agencyId, d.name, d.registeredBy, d.registeredAt],
    );
  }

  @EventPattern('AgencySystemRevoked')
  async systemRevoked(@Payload() e: DeliveredEvent<AgencySystemRevoked['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(`update identity.agency_systems set status = 'REVOKED', revoked_at = $2 where id = $1`, [e.data.systemId, e.data.revokedAt]);
  }
}
