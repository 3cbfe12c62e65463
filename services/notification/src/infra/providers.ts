import type { Channel } from '../domain/delivery.policy';

/** One message as a provider receives it. `to` is absent in the sandbox (no contact is read). */
export interface OutboundMessage {
  channel: Channel;
  /** The idempotency key: passed to the provider (Message-ID, Idempotency-Key, biz_opaque_callback_data). */
  key: string;
  recipientId: string;
  to?: string;
  subject: string;
  text: string;
}

/** What a provider said. `receipt`: it confirmed delivery itself (SMTP's acceptance); otherwise a callback will. */
export interface ProviderAnswer {
  reference: string;
  receipt: boolean;
}

/** A provider's refusal: `permanent` when sending again cannot help. Carries no address. */
export class ProviderRefused extends Error {
  constructor(
    readonly detail: string,
    readonly permanent: boolean,
    /** The provider's 429: try again after this long (its Retry-After, else a second); not a failed attempt. */
    readonly throttledForMs?: number,
  ) {
    super(detail);
  }
}

export interface Provider {
  send(message: OutboundMessage): Promise<ProviderAnswer>;
  close?(): void;
}

/** An HTTP answer as a refusal: 4xx other than 408/429 is for good; 5xx, 408 and 429 may pass. */
export async function refusalOf(res: Response, what: string): Promise<ProviderRefused> {
  await res.body?.cancel();
  if (res.status === 429) {
    const after = Number(res.headers.get('retry-after'));
    return new ProviderRefused(`${what} 429`, false, Number.isFinite(after) && after > 0 ? Math.min(after, 300) * 1000 : 1000);
  }
  return new ProviderRefused(`${what} ${res.status}`, res.status >= 400 && res.status < 500 && res.status !== 408);
}
