import type { PoolClient } from 'pg';
import { inboxEntryId } from '../domain/inbox.policy';
import { currentTemplateVersion } from '../domain/notification.templates';
import type { InboxRepository } from '../infra/inbox.repository';
import type { RecipientsRepository } from '../infra/recipients.repository';
import type { WebhookNotice } from '../webhooks';

/** A receiver the platform disabled for failing a day: every admin of its agency hears it in their inbox (once: ids derive from the event). */
export class InboxWebhookNotice implements WebhookNotice {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly recipients: RecipientsRepository,
  ) {}

  async receiverFailing(tx: PoolClient, n: { eventId: string; agencyId: string; subscriptionId: string; at: string }): Promise<void> {
    const { admins } = await this.recipients.staffOf(tx, n.agencyId);
    for (const recipientId of admins)
      await this.inbox.add(
        tx,
        {
          id: inboxEntryId(n.eventId, recipientId, 'WEBHOOK_DISABLED'),
          recipientId,
          kind: 'WEBHOOK_DISABLED',
          templateVersion: currentTemplateVersion('WEBHOOK_DISABLED'),
          params: { subscriptionId: n.subscriptionId },
        },
        n.eventId,
        n.at,
      );
  }
}
