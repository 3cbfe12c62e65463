import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import type { OutgoingMail } from './mail-outbox.repository';

/**
 * Where identity's e-mail goes: an SMTP server (SMTP_URL, the real thing), or a folder of .eml
 * files (MAIL_OUTBOX_DIR, the embedded default: a developer opens the invitation from there).
 * With neither, mails wait in the outbox until one is configured.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly smtp?: Transporter;

  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {
    if (config.SMTP_URL) this.smtp = createTransport(config.SMTP_URL);
  }

  get configured(): boolean {
    return !!this.smtp || !!this.config.MAIL_OUTBOX_DIR;
  }

  async send(id: string, mail: OutgoingMail): Promise<void> {
    const message = {
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${id}@serang-tatu>`,
    };
    if (this.smtp) {
      await this.smtp.sendMail(message);
      return;
    }
    const dir = this.config.MAIL_OUTBOX_DIR;
    if (!dir) throw new Error('no mail transport configured (SMTP_URL or MAIL_OUTBOX_DIR)');
    const info = await createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(message);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
    writeFileSync(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  onModuleDestroy(): void {
    this.smtp?.close();
  }
}
