import { refusalOf, type OutboundMessage, type Provider, type ProviderAnswer } from './providers';

/**
 * WhatsApp Business Cloud API, messages endpoint: `POST <api>/<phone-number-id>/messages`. The key
 * travels as `biz_opaque_callback_data`, which Meta returns in the status callbacks; the answer's
 * `messages[0].id` (a wamid) is what the callbacks name. Delivered only when a callback says so.
 */
export class WhatsAppCloud implements Provider {
  constructor(
    private readonly apiUrl: string,
    private readonly phoneNumberId: string,
    private readonly token: string | undefined,
  ) {}

  async send(m: OutboundMessage): Promise<ProviderAnswer> {
    const res = await fetch(`${this.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.phoneNumberId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: m.to,
        type: 'text',
        text: { preview_url: true, body: m.text },
        biz_opaque_callback_data: m.key,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw await refusalOf(res, 'WhatsApp');
    const body = (await res.json().catch(() => ({}))) as { messages?: Array<{ id?: string }> };
    return { reference: body.messages?.[0]?.id ?? m.key, receipt: false };
  }
}
