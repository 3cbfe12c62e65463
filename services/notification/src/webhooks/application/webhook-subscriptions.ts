import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, type AuthUser, type Clock } from '@serang/platform';
import { v7 as uuidv7 } from 'uuid';
import { WebhookSubscription, type WebhookActor, type WebhookCommand, type WebhookSubscriptionState } from '../domain/webhook.aggregate';
import { WebhookForbidden, WebhookInputInvalid, WebhookUrlRefused } from '../domain/webhook.errors';
import { urlProblem } from '../domain/webhook-url';
import { resolutionProblem } from '../infra/guarded-post';
import type { DisabledReason } from '../domain/webhook.events';
import { newWebhookSecret, WebhookSecrets } from '../infra/webhook-secrets';
import { WebhookSubscriptionsRepository } from '../infra/webhook-subscriptions.repository';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhooks.config';

export type LiveSubscription = Exclude<WebhookSubscriptionState, { status: 'NONE' }> & { id: string };

/** The platform's own actor: the sender disabling a receiver that failed for a day. */
export const PLATFORM_ACTOR: WebhookActor = { id: 'service:notification', role: 'SYSTEM' };

export function actorOf(user: AuthUser): WebhookActor {
  const role = user.roles.includes('AGENCY_ADMIN') ? 'AGENCY_ADMIN' : (user.roles[0] ?? 'NONE');
  return { id: user.id, role, ...(user.agency ? { agency: user.agency } : {}) };
}

/** Agency admins' webhook subscriptions on the one write path; the secret is made here, sealed with the decision, shown once. */
@Injectable()
export class WebhookSubscriptions {
  constructor(
    private readonly handler: CommandHandler,
    private readonly secrets: WebhookSecrets,
    private readonly subscriptions: WebhookSubscriptionsRepository,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(
    caller: AuthUser,
    input: { systemId: string; url: string; eventTypes: string[] },
    traceparent?: string,
  ): Promise<{ subscription: LiveSubscription; secret: string }> {
    const actor = actorOf(caller);
    if (actor.role !== 'AGENCY_ADMIN' || !caller.agency) throw new WebhookForbidden();
    // The facts the decider cannot know: is the system one of this agency's, still active?
    if ((await this.subscriptions.systemAgency(input.systemId)) !== caller.agency)
      throw new WebhookInputInvalid({ systemId: 'WEBHOOK.SYSTEM_UNKNOWN' });
    // The name as it resolves now (the decider checks the URL as written; the sender checks every send).
    const problem = urlProblem(input.url, this.settings.policy) ? null : await resolutionProblem(input.url, this.settings.policy);
    if (problem) throw new WebhookUrlRefused(problem);
    const subscriptionId = uuidv7();
    const secret = newWebhookSecret();
    const now = this.clock.now();
    const { state } = await this.handler.handle(
      WebhookSubscription,
      subscriptionId,
      {
        type: 'CreateWebhookSubscription',
        data: {
          subscriptionId,
          agencyId: caller.agency,
          systemId: input.systemId,
          url: input.url,
          eventTypes: input.eventTypes,
          policy: this.settings.policy,
        },
        metadata: { now, actor, traceparent },
      },
      { creating: true, beforeAppend: () => this.secrets.store(subscriptionId, 1, secret, now) },
    );
    return { subscription: live(subscriptionId, state), secret };
  }

  async rotateSecret(caller: AuthUser, subscriptionId: string, traceparent?: string): Promise<{ subscription: LiveSubscription; secret: string }> {
    const secret = newWebhookSecret();
    const now = this.clock.now();
    const { state } = await this.handler.handle(
      WebhookSubscription,
      subscriptionId,
      { type: 'RotateWebhookSecret', data: { subscriptionId }, metadata: { now, actor: actorOf(caller), traceparent } },
      {
        beforeAppend: async ([rotated]) => {
          if (rotated?.type === 'WebhookSecretRotated') await this.secrets.store(subscriptionId, rotated.data.secretVersion, secret, now);
        },
      },
    );
    return { subscription: live(subscriptionId, state), secret };
  }

  setEnabled(caller: AuthUser, subscriptionId: string, enabled: boolean, traceparent?: string): Promise<LiveSubscription> {
    return this.decide(
      subscriptionId,
      enabled
        ? { type: 'EnableWebhookSubscription', data: { subscriptionId }, metadata: { now: this.clock.now(), actor: actorOf(caller), traceparent } }
        : {
            type: 'DisableWebhookSubscription',
            data: { subscriptionId, reason: 'BY_ADMIN' },
            metadata: { now: this.clock.now(), actor: actorOf(caller), traceparent },
          },
    );
  }

  replay(caller: AuthUser, subscriptionId: string, from: Date, traceparent?: string): Promise<LiveSubscription> {
    return this.decide(subscriptionId, {
      type: 'ReplayWebhookDeliveries',
      data: { subscriptionId, from: from.toISOString() },
      metadata: { now: this.clock.now(), actor: actorOf(caller), traceparent },
    });
  }

  /** The platform disables a receiver that failed for a day (a no-op when someone disabled it meanwhile). */
  async disableFailing(subscriptionId: string, reason: DisabledReason = 'FAILING'): Promise<void> {
    await this.handler.handle(
      WebhookSubscription,
      subscriptionId,
      { type: 'DisableWebhookSubscription', data: { subscriptionId, reason }, metadata: { now: this.clock.now(), actor: PLATFORM_ACTOR } },
      { retryWhen: () => true },
    );
  }

  private async decide(subscriptionId: string, command: WebhookCommand): Promise<LiveSubscription> {
    const { state } = await this.handler.handle(WebhookSubscription, subscriptionId, command);
    return live(subscriptionId, state);
  }
}

function live(id: string, state: WebhookSubscriptionState): LiveSubscription {
  if (state.status === 'NONE') throw new Error(`webhook subscription ${id} has no state after a decision`);
  return { ...state, id };
}
