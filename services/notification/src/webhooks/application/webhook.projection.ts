import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { CLOCK, type Clock } from '@serang/platform';
import { replayMessageId } from '../domain/webhook-payload';
import type {
  WebhookReplayRequested,
  WebhookSecretRotated,
  WebhookSubscriptionCreated,
  WebhookSubscriptionDisabled,
  WebhookSubscriptionEnabled,
} from '../domain/webhook.events';
import { WebhookDeliveriesRepository } from '../infra/webhook-deliveries.repository';
import { WebhookSubscriptionsRepository } from '../infra/webhook-subscriptions.repository';
import { WEBHOOK_NOTICE, type WebhookNotice } from '../webhooks.config';

/**
 * The webhook read models: notification's own `webhook` streams (from the store), and identity's
 * agency systems (whose systems an agency admin may subscribe). Effects commit with the event's id.
 */
@Controller()
export class WebhookProjection {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOK_NOTICE) private readonly notice: WebhookNotice,
  ) {}

  @EventPattern('WebhookSubscriptionCreated')
  async created(@Payload() e: DeliveredEvent<WebhookSubscriptionCreated['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.subscriptions.created(ctx.tx, e.data);
  }

  @EventPattern('WebhookSecretRotated')
  async rotated(@Payload() e: DeliveredEvent<WebhookSecretRotated['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.subscriptions.secretRotated(ctx.tx, e.data.subscriptionId, e.data.secretVersion, e.data.at);
  }

  @EventPattern('WebhookSubscriptionDisabled')
  async disabled(@Payload() e: DeliveredEvent<WebhookSubscriptionDisabled['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.subscriptions.statusChanged(ctx.tx, e.data.subscriptionId, 'DISABLED', e.data.reason, e.data.at);
    if (e.data.reason === 'FAILING')
      await this.notice.receiverFailing(ctx.tx, { eventId: e.id, agencyId: e.data.agencyId, subscriptionId: e.data.subscriptionId, at: e.data.at });
  }

  @EventPattern('WebhookSubscriptionEnabled')
  async enabled(@Payload() e: DeliveredEvent<WebhookSubscriptionEnabled['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.subscriptions.statusChanged(ctx.tx, e.data.subscriptionId, 'ACTIVE', null, e.data.at);
  }

  @EventPattern('WebhookReplayRequested')
  async replayRequested(@Payload() e: DeliveredEvent<WebhookReplayRequested['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.deliveries.replay(ctx.tx, e.data.subscriptionId, e.data.from, this.clock.now(), (original) => replayMessageId(e.id, original));
  }

  @EventPattern('AgencySystemRegistered')
  async systemRegistered(@Payload() e: DeliveredEvent<{ systemId: string; agencyId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    await this.subscriptions.putSystem(ctx.tx, e.data.systemId, e.data.agencyId);
  }

  @EventPattern('AgencySystemRevoked')
  async systemRevoked(@Payload() e: DeliveredEvent<{ systemId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    await this.subscriptions.revokeSystem(ctx.tx, e.data.systemId);
  }
}
