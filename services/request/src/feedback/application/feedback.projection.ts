import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { FeedbackCommented, SurveyAnswered } from '../domain/feedback.events';

/** request.feedback from the `feedback-<id>` streams; a redelivery changes nothing (one row per stream). */
@Controller()
export class FeedbackProjection {
  @EventPattern('SurveyAnswered')
  async surveyAnswered(@Payload() e: DeliveredEvent<SurveyAnswered['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into request.feedback (id, kind, application_id, agency_id, service_id, respondent_id, scores, critique_ciphertext, suggestion_ciphertext, given_at)
       values ($1, 'SURVEY', $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do nothing`,
      [d.feedbackId, d.applicationId, d.agencyId, d.serviceId, d.respondentId, d.scores, d.critiqueCiphertext, d.suggestionCiphertext, d.answeredAt],
    );
  }

  @EventPattern('FeedbackCommented')
  async commented(@Payload() e: DeliveredEvent<FeedbackCommented['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into request.feedback (id, kind, application_id, agency_id, service_id, respondent_id, scores, critique_ciphertext, suggestion_ciphertext, given_at)
       values ($1, 'COMMENT', null, $2, $3, $4, '{}', $5, $6, $7) on conflict (id) do nothing`,
      [d.feedbackId, d.agencyId, d.serviceId, d.respondentId, d.critiqueCiphertext, d.suggestionCiphertext, d.givenAt],
    );
  }
}
