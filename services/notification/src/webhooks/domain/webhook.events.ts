/**
 * The events of a webhook subscription (stream `webhook-<id>`; proto/serang/notification/v1/events.proto).
 * No secret is ever in an event: only which version of it is current; the secret itself is sealed
 * in notification's own table under the vault's master key.
 */
import type { DomainEvent } from '@serang/eventstore';

/** The application events an agency system may subscribe to (request's own wire names). */
export const WEBHOOK_EVENT_TYPES = [
  'ApplicationSubmitted',
  'ApplicationClaimed',
  'ApplicationTransitioned',
  'ApplicationResubmitted',
  'ApplicationCancelled',
  'ApplicationSlaWarningRaised',
  'ApplicationSlaBreached',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Why a subscription stopped: its agency admin disabled it, or its receiver failed for a day. */
export type DisabledReason = 'BY_ADMIN' | 'FAILING';

export type WebhookSubscriptionCreated = DomainEvent<
  'WebhookSubscriptionCreated',
  {
    subscriptionId: string;
    agencyId: string;
    systemId: string;
    url: string;
    eventTypes: string[];
    secretVersion: number;
    createdBy: string;
    at: string;
  }
>;
export type WebhookSecretRotated = DomainEvent<'WebhookSecretRotated', { subscriptionId: string; secretVersion: number; by: string; at: string }>;
export type WebhookSubscriptionDisabled = DomainEvent<
  'WebhookSubscriptionDisabled',
  { subscriptionId: string; agencyId: string; reason: DisabledReason; by: string; at: string }
>;
export type WebhookSubscriptionEnabled = DomainEvent<'WebhookSubscriptionEnabled', { subscriptionId: string; by: string; at: string }>;
/** Everything delivered (or waiting) since `from` goes out again, after what is waiting now. */
export type WebhookReplayRequested = DomainEvent<'WebhookReplayRequested', { subscriptionId: string; from: string; by: string; at: string }>;

export type WebhookEvent =
  WebhookSubscriptionCreated | WebhookSecretRotated | WebhookSubscriptionDisabled | WebhookSubscriptionEnabled | WebhookReplayRequested;
