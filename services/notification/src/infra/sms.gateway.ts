import { refusalOf, type OutboundMessage, type Provider, type ProviderAnswer } from './providers';

/**
 * An HTTP SMS gateway of the common shape: `POST <url>` with a bearer token and
 * `{ to, text, reference }`, the key also as `Idempotency-Key`; it answers `{ id }` and later
 * posts a delivery receipt to `/callbacks/sms` (docs/notifications.md).
 */
export class SmsGateway implements Provider {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async send(m: OutboundMessage): Promise<ProviderAnswer> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': m.key, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ to: m.to, text: m.text, reference: m.key }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw await refusalOf(res, 'SMS gateway');
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    return { reference: body.id ?? m.key, receipt: false };
  }
}
