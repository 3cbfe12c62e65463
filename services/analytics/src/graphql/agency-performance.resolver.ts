import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { requireUser, type RequestContext } from '@serang/platform';
import { AgencyPerformanceQuery } from '../application/agency-performance.query';
import { Agency, AgencyPerformance, PeriodInput } from './analytics.models';

@Resolver(() => AgencyPerformance)
export class AgencyPerformanceResolver {
  constructor(private readonly query: AgencyPerformanceQuery) {}

  @Query(() => [AgencyPerformance], {
    description: 'Submissions per agency and service. Platform admins see every agency (or agencyId); officers and agency admins only their own.',
  })
  async agencyPerformance(
    @Args('period', { type: () => PeriodInput, nullable: true }) period: PeriodInput | undefined,
    @Args('agencyId', { type: () => ID, nullable: true }) agencyId: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<AgencyPerformance[]> {
    const user = requireUser(ctx, 'OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN');
    return this.query.run(user, period, agencyId);
  }

  @ResolveField(() => Agency, { description: 'The agency itself (name and code come from catalogue)' })
  agency(@Parent() p: AgencyPerformance): Agency {
    return { id: p.agencyId };
  }
}
