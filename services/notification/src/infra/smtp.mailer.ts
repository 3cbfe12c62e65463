import { createTransport, type Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The idempotency key: the receiving side can drop a second message with the same Message-ID. */
  key: string;
}

/** SMTP through nodemailer. Answers the server's acceptance; throws with `responseCode` when refused. */
export class SmtpMailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(mail: Mail): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.key}@serang-tatu>`,
      headers: { 'X-Serang-Idempotency-Key': mail.key },
    });
    return String(info.response ?? 'accepted');
  }

  close(): void {
    this.transport.close();
  }
}
