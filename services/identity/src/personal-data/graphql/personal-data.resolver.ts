import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { PersonalDataAccess } from '../application/personal-data';
import { assertUuid } from '../../person';
import { PersonalData, PersonalDataAccess as AccessModel, PersonalDataAccessFilter } from './personal-data.models';

/** Unmasking personal data with a reason, and the audit trail of every read of it. */
@Resolver()
export class PersonalDataResolver {
  constructor(private readonly access: PersonalDataAccess) {}

  @Mutation(() => PersonalData, {
    description:
      'Officers and agency admins (for people who have business with their agency) and platform admins: the full, unmasked data, with a stated reason; audited',
  })
  async revealPersonalData(
    @Args('subjectId', { type: () => ID }) subjectId: string,
    @Args('reason') reason: string,
    @Context() ctx: RequestContext,
  ): Promise<PersonalData> {
    assertUuid(subjectId, 'subjectId');
    const p = await this.access.reveal(
      requireUser(ctx, 'OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN'),
      subjectId,
      reason,
      currentTraceparent(ctx.traceparent),
    );
    return { subjectId, nik: p.nik, name: p.name, email: p.email, phone: p.phone, address: p.address, birthDate: p.birthDate };
  }

  @Query(() => [AccessModel], {
    description: 'Reads of personal data, newest first: platform admins all; agency admins those by their agency; a citizen those of their own data',
  })
  async personalDataAccessLog(
    @Args('filter', { type: () => PersonalDataAccessFilter, nullable: true }) filter: PersonalDataAccessFilter | undefined,
    @Context() ctx: RequestContext,
  ): Promise<AccessModel[]> {
    const user = requireUser(ctx, 'PLATFORM_ADMIN', 'AGENCY_ADMIN', 'CITIZEN');
    const rows = await this.access.log(user, {
      subjectId: filter?.subjectId ?? undefined,
      actorId: filter?.actorId ?? undefined,
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
      limit: Math.min(Math.max(filter?.first ?? 100, 1), 500),
    });
    return rows.map((r) => ({
      id: r.event_id,
      at: r.at,
      subjectId: r.subject_id,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      actorAgencyId: r.actor_agency ?? undefined,
      service: r.service,
      purpose: r.purpose,
      fields: r.fields,
      reason: r.reason,
      applicationId: r.application_id ?? undefined,
    }));
  }
}
