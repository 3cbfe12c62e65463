/** What the rest of notification may use of the webhooks feature. */
export { WebhooksModule } from './webhooks.module';
export { WebhookOutbox } from './application/webhook-outbox';
export { WEBHOOK_NOTICE, type WebhookNotice, type WebhookSettings } from './webhooks.config';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookSubscriptionDisabled } from './domain/webhook.events';
export { webhookMessages } from './webhooks.messages';
