import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { PersonalDataAccessed } from '@serang/platform';

/** Request's event as identity reads it: who applied to which agency. */
interface ApplicationSubmittedData {
  applicationId: string;
  agencyId: string;
  applicantId: string;
  submittedAt: string;
}

/**
 * What identity learns from other contexts: the agencies (catalogue), which agencies a person has business with (an
 * application to them lets that agency's staff see who applied), and the audit trail of reads
 * of personal data from every service, identity's own included.
 */
@Controller()
export class RelationsProjection {
  @EventPattern('AgencyRegistered')
  async agencyRegistered(
    @Payload() e: DeliveredEvent<{ agencyId: string; nameId: string; nameEn: string }>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.agencies (id, name_id, name_en) values ($1, $2, $3) on conflict (id) do update set name_id = excluded.name_id, name_en = excluded.name_en`,
      [d.agencyId, d.nameId, d.nameEn],
    );
  }

  @EventPattern('ApplicationSubmitted')
  async applicationSubmitted(@Payload() e: DeliveredEvent<ApplicationSubmittedData>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(`insert into identity.agency_relations (person_id, agency_id, first_at) values ($1, $2, $3) on conflict do nothing`, [
      d.applicantId,
      d.agencyId,
      d.submittedAt,
    ]);
  }

  @EventPattern('PersonalDataAccessed')
  async personalDataAccessed(@Payload() e: DeliveredEvent<PersonalDataAccessed['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.personal_data_access_log (event_id, at, subject_id, actor_id, actor_role, actor_agency, service, purpose, fields, reason_ciphertext, application_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict do nothing`,
      [
        e.id,
        d.at,
        d.subjectId,
        d.actorId,
        d.actorRole,
        d.actorAgency || null,
        d.service,
        d.purpose,
        d.fields,
        d.reasonCiphertext || null,
        d.applicationId || null,
      ],
    );
  }
}
