import { createTransport, type Transporter } from 'nodemailer';
import { ProviderRefused, type OutboundMessage, type Provider, type ProviderAnswer } from './providers';

/** SMTP through nodemailer. The server's acceptance (250 after DATA) is SMTP's receipt. */
export class SmtpMailer implements Provider {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(m: OutboundMessage): Promise<ProviderAnswer> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        // The idempotency key: the receiving side can drop a second message with the same Message-ID.
        messageId: `<${m.key}@serang-tatu>`,
        headers: { 'X-Serang-Idempotency-Key': m.key },
      });
      return { reference: String(info.response ?? 'accepted'), receipt: true };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      // Never the address in what is kept: only the server's code.
      throw new ProviderRefused(code ? `SMTP ${code}` : `SMTP ${(e as { code?: string }).code ?? 'connection failed'}`, !!code && code >= 500);
    }
  }

  close(): void {
    this.transport.close();
  }
}
