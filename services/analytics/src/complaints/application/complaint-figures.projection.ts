import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { jakartaDay } from '../../domain/submission.fact';
import { ComplaintFiguresRepository } from '../infra/complaint-figures.repository';

type Data<K extends string> = Record<K, string>;

/**
 * Request's complaint streams into `analytics.complaints`, in the consumer's transaction (exactly
 * once). Reads only ids, agencies and times: never the complainant, their pseudonym or any text.
 */
@Controller()
export class ComplaintFiguresProjection {
  constructor(private readonly figures: ComplaintFiguresRepository) {}

  @EventPattern('ComplaintFiled')
  async filed(@Payload() e: DeliveredEvent<Data<'complaintId' | 'agencyId' | 'filedAt'>>, @Ctx() ctx: EventContext): Promise<void> {
    await this.figures.filed(ctx.tx, { complaintId: e.data.complaintId, agencyId: e.data.agencyId ?? '', day: jakartaDay(e.data.filedAt) });
  }

  @EventPattern('ComplaintVerified')
  async verified(@Payload() e: DeliveredEvent<Data<'complaintId' | 'agencyId'>>, @Ctx() ctx: EventContext): Promise<void> {
    if (e.data.agencyId) await this.figures.movedTo(ctx.tx, e.data.complaintId, e.data.agencyId);
  }

  @EventPattern('ComplaintForwarded')
  async forwarded(@Payload() e: DeliveredEvent<Data<'complaintId' | 'toAgencyId'>>, @Ctx() ctx: EventContext): Promise<void> {
    await this.figures.movedTo(ctx.tx, e.data.complaintId, e.data.toAgencyId);
  }

  @EventPattern('ComplaintAnswered')
  async answered(@Payload() e: DeliveredEvent<Data<'complaintId' | 'at'>>, @Ctx() ctx: EventContext): Promise<void> {
    await this.figures.answered(ctx.tx, e.data.complaintId, e.data.at);
  }

  @EventPattern('ComplaintReopened')
  async reopened(@Payload() e: DeliveredEvent<Data<'complaintId'>>, @Ctx() ctx: EventContext): Promise<void> {
    await this.figures.reopened(ctx.tx, e.data.complaintId);
  }

  @EventPattern('ComplaintClosed')
  async closed(@Payload() e: DeliveredEvent<Data<'complaintId' | 'at'>>, @Ctx() ctx: EventContext): Promise<void> {
    await this.figures.closed(ctx.tx, e.data.complaintId, e.data.at);
  }

  @EventPattern('ComplaintSlaBreached')
  async breached(@Payload() e: DeliveredEvent<Data<'complaintId'>>, @Ctx() ctx: EventContext): Promise<void> {
    await this.figures.breached(ctx.tx, e.data.complaintId);
  }
}
