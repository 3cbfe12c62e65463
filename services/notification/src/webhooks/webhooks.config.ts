import type { UrlPolicy } from './domain/webhook-url';

import type { PoolClient } from 'pg';

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');
export const WEBHOOK_NOTICE = Symbol('WEBHOOK_NOTICE');

/** How the agency's admins hear that the platform disabled a failing receiver (the inbox, provided by notification). */
export interface WebhookNotice {
  receiverFailing(tx: PoolClient, notice: { eventId: string; agencyId: string; subscriptionId: string; at: string }): Promise<void>;
}

/** How webhooks are sent (from notification's configuration; docs/notifications.md, "Webhooks"). */
export interface WebhookSettings {
  policy: UrlPolicy;
  /** First retry of a failing receiver, doubling up to `maxSeconds`. */
  baseSeconds: number;
  maxSeconds: number;
  /** A receiver failing this long is disabled, and its agency admins told. */
  disableAfterMs: number;
  timeoutMs: number;
  pollMs: number;
  leaseMs: number;
  /** How long the previous secret still signs after a rotation. */
  secretOverlapMs: number;
  /** The sandbox sink every webhook goes to instead (the recording sink of every channel). */
  sandboxUrl: string | null;
}
