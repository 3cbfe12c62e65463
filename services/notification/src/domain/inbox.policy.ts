import { v5 as uuidv5 } from 'uuid';
import type { AgencyStaff, ApplicationFacts } from './application-facts';
import type { NotificationKind, TemplateParams } from './notification.kinds';
import { currentTemplateVersion } from './notification.templates';
import type {
  ApplicationCancelledData,
  ApplicationClaimedData,
  ApplicationResubmittedData,
  ApplicationSlaData,
  ApplicationSubmittedData,
  ApplicationTransitionedData,
} from './request.events';

export type { NotificationKind, TemplateParams } from './notification.kinds';

/** One in-app notification to put into a person's inbox (kotak masuk), worded by a template version. */
export interface InboxEntry {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  templateVersion: number;
  params: TemplateParams;
}

/** Request's events notification turns into messages, as delivered. */
export type ApplicationEvent =
  | { type: 'ApplicationSubmitted'; data: ApplicationSubmittedData }
  | { type: 'ApplicationClaimed'; data: ApplicationClaimedData }
  | { type: 'ApplicationTransitioned'; data: ApplicationTransitionedData }
  | { type: 'ApplicationResubmitted'; data: ApplicationResubmittedData }
  | { type: 'ApplicationCancelled'; data: ApplicationCancelledData }
  | { type: 'ApplicationSlaWarningRaised'; data: ApplicationSlaData }
  | { type: 'ApplicationSlaBreached'; data: ApplicationSlaData };

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

function entry(eventId: string, recipientId: string, kind: NotificationKind, params: TemplateParams): InboxEntry {
  return { id: inboxEntryId(eventId, recipientId, kind), recipientId, kind, templateVersion: currentTemplateVersion(kind), params };
}

function required<T extends object>(
  eventId: string,
  type: string,
  data: T,
  fields: Array<keyof T & string>,
  instants: Array<keyof T & string> = [],
): void {
  for (const field of fields) {
    const value = data[field];
    if (typeof value !== 'string' || !value) throw new MalformedEvent(`${type} ${eventId} lacks ${field}`);
  }
  for (const field of instants)
    if (Number.isNaN(Date.parse(String(data[field])))) throw new MalformedEvent(`${type} ${eventId} has an invalid ${field}`);
}

/** The applicant hears that their application was received, with its tracking number and due date. Pure. */
export function onApplicationSubmitted(eventId: string, data: ApplicationSubmittedData): InboxEntry[] {
  required(eventId, 'ApplicationSubmitted', data, ['applicationId', 'trackingNumber', 'serviceId', 'applicantId', 'dueAt'], ['dueAt']);
  return [
    entry(eventId, data.applicantId, 'APPLICATION_SUBMITTED', {
      applicationId: data.applicationId,
      trackingNumber: data.trackingNumber,
      serviceId: data.serviceId,
      dueAt: data.dueAt,
    }),
  ];
}

/** Which kind of message an officer's workflow step is to the applicant. Pure. */
export function kindOfTransition(data: ApplicationTransitionedData): NotificationKind {
  if (data.outcome === 'REJECTED') return 'APPLICATION_REJECTED';
  if (data.outcome) return 'APPLICATION_COMPLETED';
  // Not final and no due date: the clock stands still because the application waits on the citizen.
  if (!data.dueAt) return 'REVISION_REQUESTED';
  if (data.action === 'APPROVE') return 'APPLICATION_APPROVED';
  return 'APPLICATION_PROGRESSED';
}

/**
 * The messages one of request's events causes, given what notification knows of the application
 * (from its ApplicationSubmitted and claims) and of the agency's staff. Pure. An event of an
 * application notification never saw submitted (a consumer started after it) causes nothing.
 */
export function notificationsFor(eventId: string, event: ApplicationEvent, app: ApplicationFacts | null, staff: AgencyStaff): InboxEntry[] {
  if (event.type === 'ApplicationSubmitted') return onApplicationSubmitted(eventId, event.data);
  if (!app) return [];
  const base: TemplateParams = { applicationId: app.applicationId, trackingNumber: app.trackingNumber, serviceId: app.serviceId };
  const toApplicant = (kind: NotificationKind, params: TemplateParams = base) => [entry(eventId, app.applicantId, kind, params)];
  const toStaff = (kind: NotificationKind, who: Iterable<string>, params: TemplateParams) =>
    [...new Set(who)].filter((p) => p !== app.applicantId).map((p) => entry(eventId, p, kind, params));
  switch (event.type) {
    case 'ApplicationClaimed':
      // A reassignment by an agency admin is the agency's own business: the applicant heard the first claim.
      return app.assigneeId ? [] : toApplicant('APPLICATION_CLAIMED');
    case 'ApplicationTransitioned': {
      const kind = kindOfTransition(event.data);
      const step = toApplicant(kind, kind === 'APPLICATION_PROGRESSED' && event.data.dueAt ? { ...base, dueAt: event.data.dueAt } : base);
      // A finished application (completed or rejected) opens its satisfaction survey (IKM): the applicant is invited once.
      return event.data.outcome === 'COMPLETED' || event.data.outcome === 'REJECTED' ? [...step, ...toApplicant('FEEDBACK_INVITED')] : step;
    }
    case 'ApplicationResubmitted':
      required(eventId, event.type, event.data, ['dueAt'], ['dueAt']);
      return [
        ...toApplicant('APPLICATION_RESUBMITTED', { ...base, dueAt: event.data.dueAt }),
        ...toStaff('RESUBMISSION_TO_REVIEW', app.assigneeId ? [app.assigneeId] : staff.officers, { ...base, dueAt: event.data.dueAt }),
      ];
    case 'ApplicationCancelled':
      return [...toApplicant('APPLICATION_CANCELLED'), ...toStaff('APPLICATION_WITHDRAWN', app.assigneeId ? [app.assigneeId] : [], base)];
    case 'ApplicationSlaWarningRaised':
      required(eventId, event.type, event.data, ['dueAt'], ['dueAt']);
      // The officer working it, or — while nobody has claimed it — every officer of the agency.
      return toStaff('SLA_WARNING', app.assigneeId ? [app.assigneeId] : staff.officers, { ...base, dueAt: event.data.dueAt });
    case 'ApplicationSlaBreached':
      required(eventId, event.type, event.data, ['dueAt'], ['dueAt']);
      // Escalated: the agency's admins, and the officer who holds it.
      return toStaff('SLA_BREACHED', [...staff.admins, ...(app.assigneeId ? [app.assigneeId] : [])], { ...base, dueAt: event.data.dueAt });
    default: {
      const unknown: never = event;
      throw new MalformedEvent(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}
