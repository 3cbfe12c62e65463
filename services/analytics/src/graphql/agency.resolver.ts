import { Args, Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { requireUser, type RequestContext } from '@serang/platform';
import { AgencyPerformanceQuery } from '../application/agency-performance.query';
import { Agency, AgencyPerformance, PeriodInput } from './analytics.models';

/** `Agency.performance`: the dashboard can ask catalogue's agencies for their figures through the gateway. */
@Resolver(() => Agency)
export class AgencyResolver {
  constructor(private readonly query: AgencyPerformanceQuery) {}

  @ResolveReference()
  resolveReference(ref: { id: string }): Agency {
    return { id: ref.id };
  }

  @ResolveField(() => AgencyPerformance, { nullable: true, description: "This agency's figures; FORBIDDEN unless the caller may see them" })
  async performance(
    @Parent() agency: Agency,
    @Args('period', { type: () => PeriodInput, nullable: true }) period: PeriodInput | undefined,
    @Context() ctx: RequestContext,
  ): Promise<AgencyPerformance | null> {
    const user = requireUser(ctx, 'OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN');
    const [figures] = await this.query.run(user, period, agency.id);
    return figures ?? null;
  }
}
