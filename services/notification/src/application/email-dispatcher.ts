import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, LOGGER, type Clock } from '@serang/platform';
import type { Logger } from 'pino';
import { afterAttempt, type AttemptOutcome } from '../domain/delivery.policy';
import { renderEmail } from '../domain/notification.templates';
import type { ContactClient } from '../infra/contact.client';
import { DeliveriesRepository, type DeliveryRow } from '../infra/deliveries.repository';
import type { SmtpMailer } from '../infra/smtp.mailer';

export const EMAIL_CHANNEL = Symbol('EMAIL_CHANNEL');

/** The e-mail channel when configured: the mailer, identity's contact endpoint and the retry policy. */
export interface EmailChannel {
  mailer: SmtpMailer;
  contacts: ContactClient;
  linkBase: string;
  maxAttempts: number;
  baseSeconds: number;
  pollMs: number;
}

/** How long a taken message is someone's: past it, a replica takes it again (a crash mid-send). */
const LEASE_MS = 60_000;
const BATCH = 20;

/**
 * Sends the e-mails the projection put into the outbox: takes due messages (committed as
 * `sending` with one more attempt before the provider is called), reads the address from
 * identity at that moment, sends with the message's key as `Message-ID`, and records the outcome.
 */
@Injectable()
export class EmailDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(EMAIL_CHANNEL) private readonly channel: EmailChannel | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.channel) return;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .catch((e: Error) => this.log.error({ err: e }, 'e-mail dispatch failed; trying again'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.channel!.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.channel?.mailer.close();
  }

  /** Sends every due message, a batch at a time. */
  async drain(): Promise<void> {
    for (;;) {
      const batch = await this.deliveries.claimDue(BATCH, this.clock.now(), LEASE_MS);
      if (!batch.length || this.stopped) return;
      await Promise.all(batch.map((d) => this.attempt(d)));
    }
  }

  private async attempt(d: DeliveryRow): Promise<void> {
    const channel = this.channel!;
    const outcome = await this.send(d, channel);
    const next = afterAttempt(outcome, d.attempts, this.clock.now(), channel);
    await this.deliveries.settle(d.id, next.status, next.retryAt, this.clock.now(), outcome.kind === 'accepted' ? outcome.reference : outcome.reason);
    if (next.status !== 'delivered') this.log.warn({ deliveryId: d.id, status: next.status, attempts: d.attempts }, 'e-mail not delivered');
  }

  private async send(d: DeliveryRow, channel: EmailChannel): Promise<AttemptOutcome> {
    let email: string | undefined;
    try {
      const contact = await channel.contacts.contactFor(d.recipient_id);
      if (!contact) return { kind: 'refused', reason: 'recipient erased or unknown' };
      email = contact.email;
    } catch (e) {
      return { kind: 'failed', reason: `contact lookup: ${(e as Error).message}` };
    }
    if (!email) return { kind: 'refused', reason: 'no e-mail address' };
    const { subject, text } = renderEmail(d.kind, d.template_version, d.params, channel.linkBase);
    try {
      return { kind: 'accepted', reference: await channel.mailer.send({ to: email, subject, text, key: d.id }) };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      // Never the address in what is kept: only the server's code and its class of failure.
      if (code && code >= 500) return { kind: 'refused', reason: `SMTP ${code}` };
      return { kind: 'failed', reason: code ? `SMTP ${code}` : `SMTP ${(e as { code?: string }).code ?? 'connection failed'}` };
    }
  }
}
