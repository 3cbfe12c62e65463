import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Lang, RequestContext } from '@serang/platform';
import type { Period } from '../../domain/period.value';
import { AgencyPerformance } from '../../graphql/analytics.models';
import { IkmQuery } from '../application/ikm.query';
import { gradeLabel, type Ikm as Figures } from '../domain/ikm';
import { IKM_ELEMENTS } from '../domain/ikm-elements';
import { AgencyIkm, Ikm } from './ikm.models';

/**
 * `AgencyPerformance.ikm`: the figures of the agency and period the performance was asked for
 * (whoever may see the performance may see its IKM: the same scope decided it).
 */
@Resolver(() => AgencyPerformance)
export class AgencyIkmResolver {
  constructor(private readonly query: IkmQuery) {}

  @ResolveField(() => AgencyIkm, { description: 'Satisfaction index (IKM) of the agency and its services in the period' })
  async ikm(@Parent() p: AgencyPerformance & { period?: Period }, @Context() ctx: RequestContext): Promise<AgencyIkm> {
    const figures = await this.query.forAgency(p.agencyId, p.period ?? {});
    return { ...ikmView(figures, ctx.lang), byService: figures.byService.map((s) => ({ serviceId: s.serviceId, ikm: ikmView(s.ikm, ctx.lang) })) };
  }
}

export function ikmView(f: Figures, lang: Lang): Ikm {
  return {
    respondents: f.respondents,
    population: f.population,
    minimumSample: f.minimumSample,
    sufficientSample: f.sufficientSample,
    index: f.index,
    score: f.score,
    grade: f.grade,
    gradeLabel: f.grade ? gradeLabel(f.grade, lang) : null,
    elements: IKM_ELEMENTS.map((e, i) => ({ code: e.code, name: lang === 'en' ? e.nameEn : e.nameId, nrr: f.nrr[i] })),
  };
}
