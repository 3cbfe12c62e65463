import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER, registry } from '@serang/platform';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { MailOutboxRepository } from '../infra/mail-outbox.repository';
import { MailTransport } from '../infra/mail-transport';

const sent = new Counter({
  name: 'serang_identity_mails_total',
  help: 'E-mails identity sent itself, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** An SMTP error may quote the address it refused: the stored error never keeps one. */
export const redactAddresses = (text: string): string => text.replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>');

/**
 * Delivers the mail outbox: every second, or at once when something was just enqueued. Several
 * replicas may run it: each mail is leased by one of them.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly transport: MailTransport,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.transport.configured) this.log.warn('no mail transport (SMTP_URL or MAIL_OUTBOX_DIR): invitation e-mails wait in the outbox');
    this.timer = setInterval(() => this.kick(), 1_000);
    this.timer.unref();
  }

  /** Runs one round now unless one is running. */
  kick(): void {
    if (this.stopped || this.running || !this.transport.configured) return;
    this.running = this.round()
      .catch((e: unknown) => this.log.warn({ err: String(e) }, 'mail outbox round failed'))
      .finally(() => (this.running = undefined));
  }

  private async round(): Promise<void> {
    for (;;) {
      const due = await this.outbox.claimDue(10);
      for (const m of due) {
        try {
          await this.transport.send(m.id, m.mail);
          await this.outbox.markSent(m.id);
          sent.inc({ outcome: 'sent' });
        } catch (e) {
          const error = redactAddresses(e instanceof Error ? e.message : String(e));
          await this.outbox.markFailed(m.id, m.attempts, error);
          sent.inc({ outcome: 'failed' });
          this.log.warn({ mailId: m.id, attempts: m.attempts, error }, 'sending an e-mail failed; it will be retried');
        }
      }
      if (due.length < 10 || this.stopped) return;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
