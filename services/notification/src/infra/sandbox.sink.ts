import { refusalOf, type OutboundMessage, type Provider, type ProviderAnswer } from './providers';

/**
 * The sandbox: every channel's messages go to one recording sink, as JSON addressed by person id
 * (`{ channel, key, recipientId, subject, text }`). A load test on a real deployment reaches nobody
 * and reads no one's contact data; the sink's acceptance counts as delivery.
 */
export class SandboxSink implements Provider {
  constructor(private readonly url: string) {}

  async send(m: OutboundMessage): Promise<ProviderAnswer> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': m.key },
      body: JSON.stringify({ channel: m.channel, key: m.key, recipientId: m.recipientId, subject: m.subject, text: m.text }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw await refusalOf(res, 'sandbox sink');
    await res.body?.cancel();
    return { reference: `sandbox:${m.key}`, receipt: true };
  }
}
