import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { AgencySystems } from '../application/agency-systems';
import type { AgencySystemRow } from '../infra/agency-systems.repository';
import { assertUuid } from '../../person';
import { AgencySystem, AgencySystemCredentials, AgencySystemToken, AgencySystemTokenInput, RegisterAgencySystemInput } from './agency-systems.models';

const toSystem = (r: AgencySystemRow & { client_id: string | null }): AgencySystem => ({
  id: r.id,
  agencyId: r.agency_id,
  name: r.name,
  status: r.status,
  clientId: r.client_id ?? undefined,
  registeredAt: r.registered_at,
  revokedAt: r.revoked_at ?? undefined,
});

/** Agencies' own systems as machine clients: registered by admins, tokens by client credentials. */
@Resolver()
export class AgencySystemsResolver {
  constructor(private readonly systems: AgencySystems) {}

  @Mutation(() => AgencySystemCredentials, {
    description: "Agency admins (their agency) and platform admins: registers an agency's system; the secret is shown once",
  })
  async registerAgencySystem(@Args('input') input: RegisterAgencySystemInput, @Context() ctx: RequestContext): Promise<AgencySystemCredentials> {
    const s = await this.systems.register(
      requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN'),
      input.agencyId,
      input.name,
      currentTraceparent(ctx.traceparent),
    );
    return {
      system: { id: s.systemId, agencyId: s.agencyId, name: s.name, status: 'ACTIVE', clientId: s.clientId, registeredAt: new Date() },
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    };
  }

  @Mutation(() => Boolean, { description: "Revokes an agency system's credentials; its tokens stop working within seconds" })
  async revokeAgencySystem(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<boolean> {
    assertUuid(id, 'id');
    await this.systems.revoke(requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN'), id, currentTraceparent(ctx.traceparent));
    return true;
  }

  @Query(() => [AgencySystem], { description: "An agency's systems (agency admins: their own; platform admins: any agency, or all)" })
  async agencySystems(
    @Args('agencyId', { type: () => ID, nullable: true }) agencyId: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<AgencySystem[]> {
    return (await this.systems.list(requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN'), agencyId ?? undefined)).map(toSystem);
  }

  @Mutation(() => AgencySystemToken, {
    description: 'An agency system exchanges its client credentials for an access token (OAuth 2 client credentials grant)',
  })
  async agencySystemToken(@Args('input') input: AgencySystemTokenInput): Promise<AgencySystemToken> {
    return { ...(await this.systems.token(input.clientId, input.clientSecret)), tokenType: 'Bearer' };
  }
}
