import { v5 as uuidv5 } from 'uuid';
import type { InboxEntry } from './inbox.policy';

/** GOV.UK Notify's vocabulary of a message's state. `delivered` only on the provider's receipt. */
export type DeliveryStatus = 'created' | 'sending' | 'delivered' | 'temporary-failure' | 'permanent-failure' | 'technical-failure';
export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A message to one person on one channel, as the outbox keeps it: template and ids, never contact data. */
export interface Delivery {
  /** The idempotency key: recorded before the provider is called, passed to it (e-mail `Message-ID`). */
  id: string;
  channel: Channel;
  entry: InboxEntry;
}

const DELIVERY_NAMESPACE = '2b0d6c1e-8f3a-4c55-9d0e-6a1f7e4b3c21';

/** One message per event, person and channel: the same inputs always give the same key. */
export function deliveryKey(eventId: string, recipientId: string, kind: string, channel: Channel): string {
  return uuidv5(`${eventId}/${recipientId}/${kind}/${channel}`, DELIVERY_NAMESPACE);
}

/** Events older than this are history (a rebuild, a restored database): they fill the inbox but send nothing. */
export const SEND_WINDOW_MS = 24 * 3600 * 1000;

/** How one attempt ended. */
export type AttemptOutcome =
  /** `receipt`: the provider confirmed delivery itself (SMTP); otherwise its callback will tell. */
  | { kind: 'accepted'; reference: string; receipt: boolean }
  /** The provider refused for good (SMTP 5xx), or there is nobody to reach (erased, no address). */
  | { kind: 'refused'; reason: string }
  /** Anything that may pass: a 4xx, a connection that failed, identity unreachable. */
  | { kind: 'failed'; reason: string }
  /** The provider said "too many" (429): the message waits its turn; no attempt is counted, nothing fails for being many. */
  | { kind: 'throttled'; reason: string; retryAfterMs: number };

export interface NextState {
  status: DeliveryStatus;
  /** When to try again; null when nothing more will be tried. */
  retryAt: Date | null;
}

/**
 * What an attempt's outcome makes of a message. Retries back off exponentially (base, 2×, 4×…)
 * up to `maxAttempts`; then the message is given up as a technical failure, visible and redrivable.
 */
export function afterAttempt(outcome: AttemptOutcome, attempts: number, now: Date, policy: { maxAttempts: number; baseSeconds: number }): NextState {
  if (outcome.kind === 'accepted') return { status: outcome.receipt ? 'delivered' : 'sending', retryAt: null };
  if (outcome.kind === 'throttled') return { status: 'created', retryAt: new Date(now.getTime() + outcome.retryAfterMs) };
  if (outcome.kind === 'refused') return { status: 'permanent-failure', retryAt: null };
  if (attempts >= policy.maxAttempts) return { status: 'technical-failure', retryAt: null };
  return { status: 'temporary-failure', retryAt: new Date(now.getTime() + policy.baseSeconds * 1000 * 2 ** (attempts - 1)) };
}

/**
 * A provider's status callback or delivery receipt in GOV.UK Notify's words; null for a step that
 * changes nothing (WhatsApp's `sent`: handed to the network, not yet delivered).
 */
export function statusOfReceipt(channel: 'sms' | 'whatsapp', providerStatus: string): DeliveryStatus | null {
  const s = providerStatus.toLowerCase();
  if (s === 'delivered' || s === 'read') return 'delivered';
  if (s === 'sent' || s === 'accepted' || s === 'queued') return null;
  if (channel === 'sms' && (s === 'expired' || s === 'temporary-failure')) return 'temporary-failure';
  if (s === 'failed' || s === 'undeliverable' || s === 'rejected' || s === 'permanent-failure') return 'permanent-failure';
  return null;
}
