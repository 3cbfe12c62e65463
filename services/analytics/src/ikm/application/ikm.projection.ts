import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { jakartaDay, MalformedEvent } from '../../domain/submission.fact';
import type { ApplicationEndedData, SurveyAnsweredData } from '../domain/survey.events';
import { ELEMENT_COUNT } from '../domain/ikm';
import { SurveyResponsesRepository } from '../infra/survey-responses.repository';

/** Survey answers and application endings into the IKM's read models, in the consumer's transaction (exactly once). */
@Controller()
export class IkmProjection {
  constructor(private readonly responses: SurveyResponsesRepository) {}

  @EventPattern('SurveyAnswered')
  async surveyAnswered(@Payload() e: DeliveredEvent<SurveyAnsweredData>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    if (!Array.isArray(d.scores) || d.scores.length !== ELEMENT_COUNT || d.scores.some((s) => !Number.isInteger(s) || s < 1 || s > 4))
      throw new MalformedEvent('SurveyAnswered has no nine scores of 1–4');
    await this.responses.recordResponse(ctx.tx, {
      feedbackId: d.feedbackId,
      agencyId: d.agencyId,
      serviceId: d.serviceId,
      day: jakartaDay(d.answeredAt),
      answeredAt: d.answeredAt,
      scores: d.scores.map(Number),
      profile: [d.ageGroup ?? '', d.sex ?? '', d.education ?? '', d.occupation ?? ''],
    });
  }

  /** An application that ended completed or rejected joins the population its agency's survey is drawn from. */
  @EventPattern('ApplicationTransitioned')
  async applicationTransitioned(@Payload() e: DeliveredEvent<ApplicationEndedData>, @Ctx() ctx: EventContext): Promise<void> {
    const { outcome } = e.data;
    if (outcome !== 'COMPLETED' && outcome !== 'REJECTED') return;
    await this.responses.recordEnding(ctx.tx, { applicationId: e.data.applicationId, day: jakartaDay(e.data.at), outcome });
  }
}
