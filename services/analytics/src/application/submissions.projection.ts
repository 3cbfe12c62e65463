import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { ApplicationSubmittedData } from '../domain/request.events';
import { submissionFrom } from '../domain/submission.fact';
import { SubmissionsRepository } from '../infra/submissions.repository';

/**
 * Counts request's submissions per agency, service and Jakarta day. The upsert runs in `ctx.tx`,
 * which commits with the event's id: each event counts exactly once.
 */
@Controller()
export class SubmissionsProjection {
  constructor(private readonly submissions: SubmissionsRepository) {}

  @EventPattern('ApplicationSubmitted')
  async applicationSubmitted(@Payload() e: DeliveredEvent<ApplicationSubmittedData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.submissions.record(ctx.tx, submissionFrom(e.data));
  }
}
