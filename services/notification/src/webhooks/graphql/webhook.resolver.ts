import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { WebhookSubscriptions, type LiveSubscription } from '../application/webhook-subscriptions';
import { WebhookSubscriptionId } from '../domain/webhook.aggregate';
import { WebhookInputInvalid, WebhookSubscriptionNotFound } from '../domain/webhook.errors';
import { WebhookDeliveriesRepository } from '../infra/webhook-deliveries.repository';
import { WebhookSubscriptionsRepository, type SubscriptionRow } from '../infra/webhook-subscriptions.repository';
import { CreateWebhookSubscriptionInput, WebhookDelivery, WebhookSubscription, WebhookSubscriptionWithSecret } from './webhook.models';

const MAX_LOG_PAGE = 200;

const fromState = (s: LiveSubscription): WebhookSubscription => ({
  id: s.id,
  systemId: s.systemId,
  url: s.url,
  eventTypes: s.eventTypes,
  status: s.status,
  disabledReason: s.disabledReason,
  secretVersion: s.secretVersion,
});
const fromRow = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.id,
  systemId: r.system_id,
  url: r.url,
  eventTypes: r.event_types,
  status: r.status,
  disabledReason: r.disabled_reason,
  secretVersion: r.secret_version,
});

/** Agency admins manage their agency systems' webhook subscriptions; the token's agency decides. */
@Resolver()
export class WebhookResolver {
  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    private readonly read: WebhookSubscriptionsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  @Mutation(() => WebhookSubscriptionWithSecret, { description: "Agency admins: subscribes one of their agency's systems; the secret is shown once" })
  async createWebhookSubscription(
    @Args('input') input: CreateWebhookSubscriptionInput,
    @Context() ctx: RequestContext,
  ): Promise<WebhookSubscriptionWithSecret> {
    const user = requireUser(ctx, 'AGENCY_ADMIN');
    const { subscription, secret } = await this.subscriptions.create(user, input, currentTraceparent(ctx.traceparent));
    return { subscription: fromState(subscription), secret };
  }

  @Mutation(() => WebhookSubscriptionWithSecret, {
    description: 'Agency admins: a new signing secret (the previous one signs alongside for a day); shown once',
  })
  async rotateWebhookSecret(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<WebhookSubscriptionWithSecret> {
    const user = requireUser(ctx, 'AGENCY_ADMIN');
    const { subscription, secret } = await this.subscriptions.rotateSecret(user, WebhookSubscriptionId.from(id), currentTraceparent(ctx.traceparent));
    return { subscription: fromState(subscription), secret };
  }

  @Mutation(() => WebhookSubscription, { description: 'Agency admins: stops sending (nothing is queued while disabled by an admin)' })
  async disableWebhookSubscription(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<WebhookSubscription> {
    const user = requireUser(ctx, 'AGENCY_ADMIN');
    return fromState(await this.subscriptions.setEnabled(user, WebhookSubscriptionId.from(id), false, currentTraceparent(ctx.traceparent)));
  }

  @Mutation(() => WebhookSubscription, { description: 'Agency admins: sending resumes, in order, with whatever waited' })
  async enableWebhookSubscription(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<WebhookSubscription> {
    const user = requireUser(ctx, 'AGENCY_ADMIN');
    return fromState(await this.subscriptions.setEnabled(user, WebhookSubscriptionId.from(id), true, currentTraceparent(ctx.traceparent)));
  }

  @Mutation(() => WebhookSubscription, { description: 'Agency admins: sends again every message since `from`, after what is waiting now' })
  async replayWebhookDeliveries(
    @Args('id', { type: () => ID }) id: string,
    @Args('from', { type: () => Date }) from: Date,
    @Context() ctx: RequestContext,
  ): Promise<WebhookSubscription> {
    const user = requireUser(ctx, 'AGENCY_ADMIN');
    return fromState(await this.subscriptions.replay(user, WebhookSubscriptionId.from(id), from, currentTraceparent(ctx.traceparent)));
  }

  @Query(() => [WebhookSubscription], { description: "Agency admins: their agency's webhook subscriptions" })
  async webhookSubscriptions(@Context() ctx: RequestContext): Promise<WebhookSubscription[]> {
    const user = requireUser(ctx, 'AGENCY_ADMIN');
    return user.agency ? (await this.read.ofAgency(user.agency)).map(fromRow) : [];
  }

  @Query(() => [WebhookDelivery], { description: "Agency admins: a subscription's delivery log, newest first" })
  async webhookDeliveries(
    @Args('subscriptionId', { type: () => ID }) subscriptionId: string,
    @Args('first', { type: () => Int, defaultValue: 50, description: `At most ${MAX_LOG_PAGE}` }) first: number,
    @Args('before', { type: () => String, nullable: true, description: "The last item's cursor" }) before: string | null,
    @Context() ctx: RequestContext,
  ): Promise<WebhookDelivery[]> {
    const user = requireUser(ctx, 'AGENCY_ADMIN');
    const id = WebhookSubscriptionId.from(subscriptionId);
    const subscription = await this.read.byId(id);
    if (!subscription || subscription.agency_id !== user.agency) throw new WebhookSubscriptionNotFound(id);
    if (first < 1 || first > MAX_LOG_PAGE) throw new WebhookInputInvalid({ first: 'WEBHOOK.PAGE_SIZE_OUT_OF_RANGE' });
    if (before !== null && before !== undefined && !/^\d{1,18}$/.test(before)) throw new WebhookInputInvalid({ before: 'WEBHOOK.CURSOR_INVALID' });
    const rows = await this.deliveries.log(id, first, before ?? null);
    return rows.map((r) => ({
      id: r.id,
      applicationId: r.application_id,
      eventType: r.event_type,
      occurredAt: r.occurred_at,
      replayOf: r.replay_of,
      status: r.status,
      attempts: r.attempts,
      lastAttemptAt: r.last_attempt_at,
      lastResponseStatus: r.last_response_status,
      lastError: r.last_error,
      deliveredAt: r.delivered_at,
      cursor: String(r.seq),
    }));
  }
}
