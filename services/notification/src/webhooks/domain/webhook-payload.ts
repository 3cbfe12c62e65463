import { v5 as uuidv5 } from 'uuid';
import type { WebhookEventType } from './webhook.events';

/** What an agency system hears of an application: its id, status, tracking number and version — never form or contact data. */
export interface ApplicationSnapshot {
  applicationId: string;
  trackingNumber: string;
  status: string;
  version: number;
}

/** Standard Webhooks' payload shape: `type` (dotted), `timestamp` (the event's time), `data`. */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: ApplicationSnapshot;
}

const TYPE_NAMES: Record<WebhookEventType, string> = {
  ApplicationSubmitted: 'application.submitted',
  ApplicationClaimed: 'application.claimed',
  ApplicationTransitioned: 'application.transitioned',
  ApplicationResubmitted: 'application.resubmitted',
  ApplicationCancelled: 'application.cancelled',
  ApplicationSlaWarningRaised: 'application.sla_warning_raised',
  ApplicationSlaBreached: 'application.sla_breached',
};

export function webhookPayload(type: WebhookEventType, occurredAt: string, app: ApplicationSnapshot): WebhookPayload {
  return {
    type: TYPE_NAMES[type],
    timestamp: occurredAt,
    data: { applicationId: app.applicationId, trackingNumber: app.trackingNumber, status: app.status, version: app.version },
  };
}

const WEBHOOK_NAMESPACE = 'a7d3f0c2-4e1b-4c8a-9b6f-0d2e5c7a1f34';

/** The `webhook-id` of one event to one subscription: the same on every retry, so a receiver drops a copy. */
export function webhookMessageId(eventId: string, subscriptionId: string): string {
  return `msg_${uuidv5(`${eventId}/${subscriptionId}`, WEBHOOK_NAMESPACE)}`;
}

/** A replayed message is a new message (the receiver asked for it again): its own id, derived from the replay request. */
export function replayMessageId(replayEventId: string, originalId: string): string {
  return `msg_${uuidv5(`${replayEventId}/${originalId}`, WEBHOOK_NAMESPACE)}`;
}

/** Next try of a failing receiver: base × 2^(failures−1), at most `maxSeconds` — so a receiver back after hours waits at most that. */
export function retryDelayMs(failures: number, policy: { baseSeconds: number; maxSeconds: number }): number {
  return Math.min(policy.baseSeconds * 2 ** Math.max(0, failures - 1), policy.maxSeconds) * 1000;
}
