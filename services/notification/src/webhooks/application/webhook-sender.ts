import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, LOGGER, type Clock } from '@serang/platform';
import type { Logger } from 'pino';
import { retryDelayMs } from '../domain/webhook-payload';
import { guardedPost } from '../infra/guarded-post';
import { WebhookDeliveriesRepository, type ClaimedSender, type PendingDelivery } from '../infra/webhook-deliveries.repository';
import { WebhookSecrets } from '../infra/webhook-secrets';
import { signatureHeaders } from '../infra/webhook-signature';
import { WEBHOOK_SETTINGS, type WebhookSettings } from '../webhooks.config';
import { WebhookSubscriptions } from './webhook-subscriptions';

const HEADS = 16;

/**
 * Sends the outbox, one subscription at a time per replica (a lease on it): the first waiting
 * message of each application, several applications at once; an application's next message only
 * after the one before it was accepted, so each application's messages arrive in order. Any
 * failure backs the whole receiver off (base, doubling, capped), and every message waits for it:
 * a receiver down for hours gets everything, in order, within one capped delay of coming back.
 * A receiver failing for `disableAfterMs` is disabled (its agency admins are told, in-app).
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly secrets: WebhookSecrets,
    private readonly subscriptions: WebhookSubscriptions,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.secrets.configured) return;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .catch((e: Error) => this.log.error({ err: e }, 'webhook sending failed; trying again'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.settings.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const sender = await this.deliveries.claimSender(this.clock.now(), this.settings.leaseMs);
      if (!sender) return;
      try {
        await this.sendFor(sender);
      } finally {
        await this.deliveries.release(sender.subscription_id);
      }
    }
  }

  private async sendFor(sender: ClaimedSender): Promise<void> {
    const leaseEnds = Date.now() + this.settings.leaseMs / 2;
    while (!this.stopped && Date.now() < leaseEnds) {
      const heads = await this.deliveries.heads(sender.subscription_id, HEADS);
      if (!heads.length) return;
      const secrets = await this.secrets.signingSecrets(
        sender.subscription_id,
        sender.secret_version,
        this.clock.now(),
        this.settings.secretOverlapMs,
      );
      const results = await Promise.all(heads.map((d) => this.post(sender, d, secrets)));
      if (results.every(Boolean)) {
        if (sender.failures > 0) await this.deliveries.senderHealthy(sender.subscription_id);
        sender.failures = 0;
        continue;
      }
      const now = this.clock.now();
      const retryAt = new Date(now.getTime() + retryDelayMs(sender.failures + 1, this.settings));
      const failingSince = await this.deliveries.senderFailed(sender.subscription_id, now, retryAt);
      if (now.getTime() - failingSince.getTime() >= this.settings.disableAfterMs) {
        this.log.warn({ subscriptionId: sender.subscription_id, failingSince }, 'webhook receiver failing too long: disabled');
        await this.subscriptions.disableFailing(sender.subscription_id);
      }
      return;
    }
  }

  private async post(sender: ClaimedSender, d: PendingDelivery, secrets: string[]): Promise<boolean> {
    const at = this.clock.now();
    const headers = signatureHeaders(d.id, at, d.body, secrets);
    const url = this.settings.sandboxUrl ?? sender.url;
    const policy = this.settings.sandboxUrl
      ? { ...this.settings.policy, allowHttp: true, allowedHosts: [new URL(url).hostname] }
      : this.settings.policy;
    try {
      const { status } = await guardedPost(url, headers, d.body, policy, this.settings.timeoutMs);
      const ok = status >= 200 && status < 300;
      await this.deliveries.attempted(d.seq, ok, at, status, ok ? null : `HTTP ${status}`);
      return ok;
    } catch (e) {
      await this.deliveries.attempted(d.seq, false, at, null, (e as { code?: string }).code ?? (e as Error).message);
      return false;
    }
  }
}
