import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { ApplicationSubmittedData } from '../domain/request.events';
import { onApplicationSubmitted } from '../domain/inbox.policy';
import { InboxRepository } from '../infra/inbox.repository';

/**
 * Turns request's events into in-app notifications. Effects go through `ctx.tx`, which commits
 * with the event's id, so each event counts once; the derived inbox id is a second guard for a
 * replay that starts over (a reset consumer).
 */
@Controller()
export class InboxProjection {
  constructor(private readonly inbox: InboxRepository) {}

  @EventPattern('ApplicationSubmitted')
  async applicationSubmitted(@Payload() e: DeliveredEvent<ApplicationSubmittedData>, @Ctx() ctx: EventContext): Promise<void> {
    // The time of the event, not of its delivery: a rebuild gives the inbox the same order.
    for (const entry of onApplicationSubmitted(e.id, e.data)) await this.inbox.add(ctx.tx, entry, e.id, e.metadata.occurredAt);
  }

  /** Identity erased a person: their inbox is nobody's any more. */
  @EventPattern('PersonErased')
  async personErased(@Payload() e: DeliveredEvent<{ personId: string; erasedAt: string }>, @Ctx() ctx: EventContext): Promise<void> {
    await this.inbox.erase(ctx.tx, e.data.personId, e.data.erasedAt);
  }
}
