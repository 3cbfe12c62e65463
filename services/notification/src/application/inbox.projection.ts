import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { CLOCK, type Clock } from '@serang/platform';
import { CHANNELS, deliveryKey, SEND_WINDOW_MS } from '../domain/delivery.policy';
import type { PersonErasedData, StaffAccountData } from '../domain/identity.events';
import { notificationsFor, type ApplicationEvent } from '../domain/inbox.policy';
import type {
  ApplicationCancelledData,
  ApplicationClaimedData,
  ApplicationResubmittedData,
  ApplicationSlaData,
  ApplicationSubmittedData,
  ApplicationTransitionedData,
} from '../domain/request.events';
import { DeliveriesRepository } from '../infra/deliveries.repository';
import { InboxRepository } from '../infra/inbox.repository';
import { RecipientsRepository } from '../infra/recipients.repository';
import { OUTBOUND, type Outbound } from './dispatcher';
import { WebhookOutbox } from '../webhooks';
import { PreferencesRepository, sendableAt } from '../preferences';

/**
 * Turns request's events into in-app notifications. Effects go through `ctx.tx`, which commits
 * with the event's id, so each event counts once; the derived inbox id is a second guard for a
 * replay that starts over (a reset consumer). An application's events arrive in order, so its
 * submission (the applicant) and claims (the assignee) are known when its later steps come.
 */
@Controller()
export class InboxProjection {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly recipients: RecipientsRepository,
    private readonly deliveries: DeliveriesRepository,
    @Inject(OUTBOUND) private readonly outbound: Outbound | null,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly webhooks: WebhookOutbox,
    private readonly preferences: PreferencesRepository,
  ) {}

  @EventPattern('ApplicationSubmitted')
  async applicationSubmitted(@Payload() e: DeliveredEvent<ApplicationSubmittedData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.notify({ type: 'ApplicationSubmitted', data: e.data }, e, ctx);
    await this.recipients.rememberApplication(ctx.tx, e.data);
  }

  @EventPattern('ApplicationClaimed')
  async applicationClaimed(@Payload() e: DeliveredEvent<ApplicationClaimedData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.notify({ type: 'ApplicationClaimed', data: e.data }, e, ctx);
    await this.recipients.assign(ctx.tx, e.data.applicationId, e.data.officerId);
  }

  @EventPattern('ApplicationTransitioned')
  async applicationTransitioned(@Payload() e: DeliveredEvent<ApplicationTransitionedData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.notify({ type: 'ApplicationTransitioned', data: e.data }, e, ctx);
  }

  @EventPattern('ApplicationResubmitted')
  async applicationResubmitted(@Payload() e: DeliveredEvent<ApplicationResubmittedData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.notify({ type: 'ApplicationResubmitted', data: e.data }, e, ctx);
  }

  @EventPattern('ApplicationCancelled')
  async applicationCancelled(@Payload() e: DeliveredEvent<ApplicationCancelledData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.notify({ type: 'ApplicationCancelled', data: e.data }, e, ctx);
  }

  @EventPattern('ApplicationSlaWarningRaised')
  async slaWarningRaised(@Payload() e: DeliveredEvent<ApplicationSlaData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.notify({ type: 'ApplicationSlaWarningRaised', data: e.data }, e, ctx);
  }

  @EventPattern('ApplicationSlaBreached')
  async slaBreached(@Payload() e: DeliveredEvent<ApplicationSlaData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.notify({ type: 'ApplicationSlaBreached', data: e.data }, e, ctx);
  }

  /** A staff account (an accepted invitation, or the configured platform admin) joins its agency's recipients. */
  @EventPattern('StaffAccountCreated')
  async staffAccountCreated(@Payload() e: DeliveredEvent<StaffAccountData>, @Ctx() ctx: EventContext): Promise<void> {
    if (e.data.agencyId) await this.recipients.putStaff(ctx.tx, e.data.personId, e.data.agencyId, e.data.roles ?? []);
  }

  /** Identity erased a person: their inbox is nobody's any more. */
  @EventPattern('PersonErased')
  async personErased(@Payload() e: DeliveredEvent<PersonErasedData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.inbox.erase(ctx.tx, e.data.personId, e.data.erasedAt);
    await this.deliveries.cancelFor(ctx.tx, e.data.personId, e.data.erasedAt);
    await this.recipients.removeStaff(ctx.tx, e.data.personId);
    await this.preferences.erase(ctx.tx, e.data.personId);
  }

  private async notify(event: ApplicationEvent, e: DeliveredEvent<unknown>, ctx: EventContext): Promise<void> {
    const app = event.type === 'ApplicationSubmitted' ? null : await this.recipients.application(ctx.tx, event.data.applicationId);
    const staff =
      app && (event.type === 'ApplicationSlaWarningRaised' || event.type === 'ApplicationSlaBreached' || event.type === 'ApplicationResubmitted')
        ? await this.recipients.staffOf(ctx.tx, app.agencyId)
        : { officers: [], admins: [] };
    // The time of the event, not of its delivery: a rebuild gives the inbox the same order.
    const entries = notificationsFor(e.id, event, app, staff);
    for (const entry of entries) await this.inbox.add(ctx.tx, entry, e.id, e.metadata.occurredAt);
    // Other channels only for what is news: a rebuild or a restored database fills the inbox, and sends nothing.
    const now = this.clock.now();
    const news = now.getTime() - Date.parse(e.metadata.occurredAt) <= SEND_WINDOW_MS;
    // Agency systems' webhooks, in the same transaction: one message per event and subscription.
    await this.webhooks.record(ctx.tx, event.type, e, now, news);
    if (!this.outbound || !news) return;
    // Each person's own choices: channels they turned off get nothing; non-urgent kinds wait out their quiet hours.
    for (const entry of entries) {
      const preferences = await this.preferences.of(ctx.tx, entry.recipientId);
      const sendAt = sendableAt(now, entry.kind, preferences.quietHours);
      for (const channel of CHANNELS.filter((c) => this.outbound!.providers[c] && !preferences.optedOut.includes(c)))
        await this.deliveries.add(ctx.tx, { id: deliveryKey(e.id, entry.recipientId, entry.kind, channel), channel, entry }, e.id, now, sendAt);
    }
  }
}
