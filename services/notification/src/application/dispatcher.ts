import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, LOGGER, notificationDeliveries, type Clock } from '@serang/platform';
import type { Logger } from 'pino';
import { afterAttempt, type AttemptOutcome, type Channel } from '../domain/delivery.policy';
import { TokenBucket } from '../domain/rate-limit';
import { renderEmail, renderNotification } from '../domain/notification.templates';
import { toMsisdn } from '../domain/phone-number';
import type { ContactClient } from '../infra/contact.client';
import { DeliveriesRepository, type DeliveryRow } from '../infra/deliveries.repository';
import { ProviderRefused, type Provider } from '../infra/providers';

export const OUTBOUND = Symbol('OUTBOUND');

/**
 * The channels configured beyond the inbox, each with its provider (or all with the sandbox
 * sink), identity's contact endpoint, and the retry policy. Null: inbox only.
 */
export interface Outbound {
  providers: Partial<Record<Channel, Provider>>;
  /** Null in the sandbox: no contact data is read. */
  contacts: ContactClient | null;
  linkBase: string;
  maxAttempts: number;
  baseSeconds: number;
  pollMs: number;
  /** How long a taken message is this process's: past it, a replica takes it again (a crash mid-send). */
  leaseMs: number;
  /** Messages per second this process sends on a channel (the provider's limit ÷ replicas); absent: no limit. */
  rateLimits: Partial<Record<Channel, number>>;
}

const BATCH = 20;

/**
 * Sends what the projection put into the outbox: takes due messages (committed as `sending` with
 * one more attempt before a provider is called), reads the address from identity at that moment,
 * sends with the message's key, and records the outcome.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly buckets = new Map<Channel, TokenBucket>();

  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(OUTBOUND) private readonly outbound: Outbound | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.outbound) return;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .catch((e: Error) => this.log.error({ err: e }, 'dispatch failed; trying again'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.outbound!.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    for (const p of Object.values(this.outbound?.providers ?? {})) p.close?.();
  }

  /**
   * Sends every due message, a batch per channel at a time, each channel within its rate limit: a
   * surge queues in the outbox and drains at the provider's pace; nothing fails for being many.
   */
  async drain(): Promise<void> {
    const channels = Object.keys(this.outbound!.providers) as Channel[];
    for (;;) {
      let sent = 0;
      let waitMs = 0;
      await Promise.all(
        channels.map(async (channel) => {
          const bucket = this.bucketOf(channel);
          const wanted = bucket ? bucket.take(BATCH, Date.now()) : BATCH;
          if (wanted === 0) {
            waitMs = Math.max(waitMs, bucket!.msUntilNext());
            return;
          }
          const batch = await this.deliveries.claimDue(wanted, this.clock.now(), this.outbound!.leaseMs, channel);
          bucket?.giveBack(wanted - batch.length);
          sent += batch.length;
          await Promise.all(batch.map((d) => this.attempt(d)));
        }),
      );
      if (this.stopped) return;
      // Nothing was due: done until the next tick. A limit held a channel back: wait for its next token (under a tick).
      if (sent === 0 && (waitMs === 0 || waitMs >= this.outbound!.pollMs)) return;
      if (waitMs > 0 && sent === 0) await new Promise((r) => setTimeout(r, waitMs));
    }
  }

  private bucketOf(channel: Channel): TokenBucket | undefined {
    const limit = this.outbound!.rateLimits[channel];
    if (!limit) return undefined;
    let bucket = this.buckets.get(channel);
    if (!bucket) this.buckets.set(channel, (bucket = new TokenBucket(limit, Date.now())));
    return bucket;
  }

  private async attempt(d: DeliveryRow): Promise<void> {
    const outbound = this.outbound!;
    const outcome = await this.send(d, outbound);
    if (outcome.kind === 'throttled') {
      // The provider's own limit is lower than configured (or shared): this channel pauses, the message waits its turn.
      this.bucketOf(d.channel)?.take(Number.MAX_SAFE_INTEGER, Date.now());
      await this.deliveries.requeue(d.id, new Date(this.clock.now().getTime() + outcome.retryAfterMs), this.clock.now());
      notificationDeliveries.inc({ channel: d.channel, status: 'throttled' });
      return;
    }
    const next = afterAttempt(outcome, d.attempts, this.clock.now(), outbound);
    await this.deliveries.settle(
      d.id,
      next.status,
      next.retryAt,
      this.clock.now(),
      outcome.kind === 'accepted' ? outcome.reference : outcome.reason,
      outcome.kind === 'accepted',
    );
    notificationDeliveries.inc({ channel: d.channel, status: next.status });
    if (outcome.kind !== 'accepted')
      this.log.warn({ deliveryId: d.id, channel: d.channel, status: next.status, attempts: d.attempts }, 'message not sent');
  }

  private async send(d: DeliveryRow, outbound: Outbound): Promise<AttemptOutcome> {
    const provider = outbound.providers[d.channel];
    if (!provider) return { kind: 'refused', reason: `channel ${d.channel} not configured` };
    let to: string | undefined;
    if (outbound.contacts) {
      try {
        const contact = await outbound.contacts.contactFor(d.recipient_id);
        if (!contact) return { kind: 'refused', reason: 'recipient erased or unknown' };
        to = d.channel === 'email' ? contact.email : contact.phone ? (toMsisdn(contact.phone) ?? undefined) : undefined;
      } catch (e) {
        return { kind: 'failed', reason: `contact lookup: ${(e as Error).message}` };
      }
      if (!to) return { kind: 'refused', reason: d.channel === 'email' ? 'no e-mail address' : 'no phone number' };
    }
    const { subject, text } =
      d.channel === 'email' ? renderEmail(d.kind, d.template_version, d.params, outbound.linkBase) : shortText(d, outbound.linkBase);
    try {
      const answer = await provider.send({ channel: d.channel, key: d.id, recipientId: d.recipient_id, to, subject, text });
      return { kind: 'accepted', reference: answer.reference, receipt: answer.receipt };
    } catch (e) {
      if (e instanceof ProviderRefused && e.throttledForMs !== undefined)
        return { kind: 'throttled', reason: e.detail, retryAfterMs: e.throttledForMs };
      if (e instanceof ProviderRefused) return e.permanent ? { kind: 'refused', reason: e.detail } : { kind: 'failed', reason: e.detail };
      return { kind: 'failed', reason: `${d.channel}: ${(e as { code?: string }).code ?? (e as Error).name}` };
    }
  }
}

/** SMS and WhatsApp: the Indonesian message alone (short, as a phone shows it). */
function shortText(d: DeliveryRow, linkBase: string): { subject: string; text: string } {
  const { title, message } = renderNotification(d.kind, d.template_version, d.params, 'id', linkBase);
  return { subject: title, text: `${title}: ${message}` };
}
