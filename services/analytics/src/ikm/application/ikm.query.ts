import { Injectable } from '@nestjs/common';
import type { Period } from '../../domain/period.value';
import { agencyIkm, type AgencyIkm } from '../domain/ikm-figures';
import { SurveyResponsesRepository, type ResponseRow } from '../infra/survey-responses.repository';

/** The IKM of one agency (and its services) in a period, from the read models. Callers decide who may ask. */
@Injectable()
export class IkmQuery {
  constructor(private readonly responses: SurveyResponsesRepository) {}

  async forAgency(agencyId: string, period: Period): Promise<AgencyIkm & { answers: ResponseRow[] }> {
    const [answers, populations] = await Promise.all([this.responses.responses(agencyId, period), this.responses.populations(agencyId, period)]);
    const figures = agencyIkm(
      answers.map((a) => ({ serviceId: a.service_id, scores: a.scores })),
      new Map(populations.map((p) => [p.service_id, p.n])),
    );
    return { ...figures, answers };
  }
}
