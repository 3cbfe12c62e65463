import type { InboxEntry, NotificationKind } from './inbox.policy';
import { inboxEntryId } from './inbox.policy';
import { currentTemplateVersion } from './notification.templates';

/**
 * Notification's view of request's complaint events (proto/serang/request/v1/complaint_events.proto):
 * ids and instants only. The text, location and answer are ciphertexts notification never reads; an
 * anonymous complaint's filing carries no complainant, so notification never learns who filed it.
 */
export type ComplaintEvent =
  | { type: 'ComplaintFiled'; data: { complaintId: string; complainantId: string; anonymous: boolean; dueAt: string } }
  | { type: 'ComplaintVerified'; data: { complaintId: string } }
  | { type: 'ComplaintForwarded'; data: { complaintId: string } }
  | { type: 'ComplaintTakenUp'; data: { complaintId: string } }
  | { type: 'ComplaintAnswered'; data: { complaintId: string } }
  | { type: 'ComplaintClosed'; data: { complaintId: string } };

const KIND: Record<ComplaintEvent['type'], NotificationKind> = {
  ComplaintFiled: 'COMPLAINT_RECEIVED',
  ComplaintVerified: 'COMPLAINT_VERIFIED',
  ComplaintForwarded: 'COMPLAINT_FORWARDED',
  ComplaintTakenUp: 'COMPLAINT_IN_PROGRESS',
  ComplaintAnswered: 'COMPLAINT_ANSWERED',
  ComplaintClosed: 'COMPLAINT_CLOSED',
};

/**
 * The message a complaint's step is to its complainant (`complainantId`: from its filing, null
 * when anonymous or unknown — then nothing). Pure. A forwarding between agencies is news too: the
 * complaint found its door.
 */
export function complaintNotificationsFor(eventId: string, event: ComplaintEvent, complainantId: string | null): InboxEntry[] {
  const recipient = event.type === 'ComplaintFiled' ? (event.data.anonymous ? null : event.data.complainantId || null) : complainantId;
  if (!recipient) return [];
  const kind = KIND[event.type];
  return [
    {
      id: inboxEntryId(eventId, recipient, kind),
      recipientId: recipient,
      kind,
      templateVersion: currentTemplateVersion(kind),
      params: {
        applicationId: '',
        trackingNumber: '',
        serviceId: '',
        complaintId: event.data.complaintId,
        ...(event.type === 'ComplaintFiled' ? { dueAt: event.data.dueAt } : {}),
      },
    },
  ];
}
