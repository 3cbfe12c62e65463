import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { CitizenRegistered, StaffAccountCreated } from '../domain/identity.events';

/** The persons read model from identity's own person streams (idempotent; rebuildable by replay). */
@Controller()
export class IdentityProjection {
  @EventPattern('CitizenRegistered')
  async citizenRegistered(@Payload() e: DeliveredEvent<CitizenRegistered['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.persons (id, kind, roles, nik_ciphertext, name_ciphertext, email_ciphertext, phone_ciphertext, created_at)
       values ($1, 'citizen', array['CITIZEN'], $2, $3, $4, $5, $6) on conflict (id) do nothing`,
      [d.personId, d.nikCiphertext, d.nameCiphertext, d.emailCiphertext, d.phoneCiphertext, d.registeredAt],
    );
  }

  @EventPattern('StaffAccountCreated')
  async staffAccountCreated(@Payload() e: DeliveredEvent<StaffAccountCreated['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.persons (id, kind, roles, agency_id, name_ciphertext, email_ciphertext, created_at)
       values ($1, 'staff', $2, $3, $4, $5, $6) on conflict (id) do nothing`,
      [d.personId, d.roles, d.agencyId || null, d.nameCiphertext || null, d.emailCiphertext, e.metadata.occurredAt],
    );
  }
}
