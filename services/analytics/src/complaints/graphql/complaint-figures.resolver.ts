import { Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Period } from '../../domain/period.value';
import { AgencyPerformance } from '../../graphql/analytics.models';
import { ComplaintFiguresRepository } from '../infra/complaint-figures.repository';

@ObjectType({ description: 'Complaints (pengaduan) filed in the period that are with the agency now' })
export class ComplaintFigures {
  @Field(() => Int, { description: 'Filed in the period (counted for the agency a complaint was routed or forwarded to)' })
  received!: number;
  @Field(() => Int, { description: 'Of those, answered' })
  answered!: number;
  @Field(() => Int, { description: 'Of those, closed' })
  closed!: number;
  @Field(() => Int, { description: 'Of those, not answered within their SLA' })
  slaBreached!: number;
}

/**
 * `AgencyPerformance.complaints`: for the agency and period the performance was asked for (whoever
 * may see the performance may see these: the same scope decided it).
 */
@Resolver(() => AgencyPerformance)
export class AgencyComplaintsResolver {
  constructor(private readonly figures: ComplaintFiguresRepository) {}

  @ResolveField(() => ComplaintFigures, { description: 'Complaints of the agency in the period' })
  async complaints(@Parent() p: AgencyPerformance & { period?: Period }): Promise<ComplaintFigures> {
    const [t] = await this.figures.totals(p.agencyId, p.period ?? {});
    return { received: t?.received ?? 0, answered: t?.answered ?? 0, closed: t?.closed ?? 0, slaBreached: t?.breached ?? 0 };
  }
}
