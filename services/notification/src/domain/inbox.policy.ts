import { v5 as uuidv5 } from 'uuid';
import type { ApplicationSubmittedData } from './request.events';

export type NotificationKind = 'APPLICATION_SUBMITTED';

/**
 * What a template needs, and nothing else: ids, a tracking number and instants. Never personal
 * data — the inbox row outlives an erasure of its recipient's keys.
 */
export interface TemplateParams {
  applicationId: string;
  trackingNumber: string;
  serviceId: string;
  dueAt: string;
}

/** One in-app notification to put into a person's inbox (kotak masuk). */
export interface InboxEntry {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  params: TemplateParams;
}

export class MalformedEvent extends Error {
  readonly reason = 'NOTIFICATION.MALFORMED_EVENT';
}

/** Fixed namespace of inbox ids (uuid v5): the same event and recipient always give the same id. */
const INBOX_NAMESPACE = '6f1c3b0e-5a0b-4a8e-9f61-2d7c4b1e9a55';

/**
 * The id of the notification an event causes for one recipient. Derived, not random, so that a
 * redelivered event (a consumer reset, a replay) lands on the same row instead of a second one.
 */
export function inboxEntryId(eventId: string, recipientId: string, kind: NotificationKind): string {
  return uuidv5(`${eventId}/${recipientId}/${kind}`, INBOX_NAMESPACE);
}

/** The applicant hears that their application was received, with its tracking number and due date. Pure. */
export function onApplicationSubmitted(eventId: string, data: ApplicationSubmittedData): InboxEntry[] {
  for (const field of ['applicationId', 'trackingNumber', 'serviceId', 'applicantId', 'dueAt'] as const) {
    if (typeof data[field] !== 'string' || !data[field]) throw new MalformedEvent(`ApplicationSubmitted ${eventId} lacks ${field}`);
  }
  if (Number.isNaN(Date.parse(data.dueAt))) throw new MalformedEvent(`ApplicationSubmitted ${eventId} has an invalid dueAt`);
  const kind: NotificationKind = 'APPLICATION_SUBMITTED';
  return [
    {
      id: inboxEntryId(eventId, data.applicantId, kind),
      recipientId: data.applicantId,
      kind,
      params: { applicationId: data.applicationId, trackingNumber: data.trackingNumber, serviceId: data.serviceId, dueAt: data.dueAt },
    },
  ];
}
