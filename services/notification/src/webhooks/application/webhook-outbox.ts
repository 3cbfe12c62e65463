import { Injectable } from '@nestjs/common';
import type { DeliveredEvent } from '@serang/messaging';
import type { PoolClient } from 'pg';
import { webhookMessageId, webhookPayload } from '../domain/webhook-payload';
import type { WebhookEventType } from '../domain/webhook.events';
import { WebhookDeliveriesRepository } from '../infra/webhook-deliveries.repository';

/** The fields of request's application events the webhooks read (proto/serang/request/v1/events.proto); nothing else. */
interface ApplicationEventFields {
  applicationId: string;
  agencyId?: string;
  trackingNumber?: string;
  status?: string;
  toStatus?: string;
  version?: number | string;
}

/**
 * Puts an application event into the outbox of every subscription of its agency that listens to
 * its type, in the consumer's transaction (the event's effects commit with its id, once). The
 * message body is fixed here — id, status, tracking number, version — so every retry and replay
 * sends the same bytes.
 */
@Injectable()
export class WebhookOutbox {
  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

  /** `news`: false for history (a rebuild, a restored database): the application's state is kept, nothing is sent. */
  async record(tx: PoolClient, type: WebhookEventType, e: DeliveredEvent<unknown>, now: Date, news: boolean): Promise<void> {
    const data = e.data as ApplicationEventFields;
    const status = type === 'ApplicationSubmitted' ? (data.status ?? 'SUBMITTED') : type === 'ApplicationCancelled' ? 'CANCELLED' : data.toStatus;
    const version = data.version !== undefined && Number(data.version) > 0 ? Number(data.version) : Number(e.revision) + 1;
    const app = await this.deliveries.trackApplication(tx, data.applicationId, {
      agencyId: type === 'ApplicationSubmitted' ? data.agencyId : undefined,
      trackingNumber: type === 'ApplicationSubmitted' ? data.trackingNumber : undefined,
      status: status || undefined,
      version,
    });
    if (!app || !news) return;
    const body = JSON.stringify(webhookPayload(type, e.metadata.occurredAt, { ...app, version }));
    for (const subscriptionId of await this.deliveries.listeners(tx, app.agencyId, type))
      await this.deliveries.enqueue(
        tx,
        {
          id: webhookMessageId(e.id, subscriptionId),
          subscriptionId,
          applicationId: app.applicationId,
          eventType: type,
          body,
          occurredAt: e.metadata.occurredAt,
        },
        now,
      );
  }
}
