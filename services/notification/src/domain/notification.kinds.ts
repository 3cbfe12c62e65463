/** What a notification is about. Citizens hear every step of their application; staff hear what needs them. */
export const NOTIFICATION_KINDS = [
  'APPLICATION_SUBMITTED',
  'APPLICATION_CLAIMED',
  'APPLICATION_PROGRESSED',
  'REVISION_REQUESTED',
  'APPLICATION_RESUBMITTED',
  'APPLICATION_APPROVED',
  'APPLICATION_REJECTED',
  'APPLICATION_COMPLETED',
  'APPLICATION_CANCELLED',
  'RESUBMISSION_TO_REVIEW',
  'APPLICATION_WITHDRAWN',
  'SLA_WARNING',
  'SLA_BREACHED',
  'FEEDBACK_INVITED',
  // Complaints (pengaduan): every status change reaches the complainant (complaint.policy.ts).
  'COMPLAINT_RECEIVED',
  'COMPLAINT_VERIFIED',
  'COMPLAINT_FORWARDED',
  'COMPLAINT_IN_PROGRESS',
  'COMPLAINT_ANSWERED',
  'COMPLAINT_CLOSED',
  'WEBHOOK_DISABLED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who a kind speaks to: its deep link opens the citizen's app or the agency's desk. */
export type Audience = 'citizen' | 'staff';

/**
 * What a template needs, and nothing else: ids, a tracking number and instants. Never personal
 * data — the inbox row outlives an erasure of its recipient's keys.
 */
export interface TemplateParams {
  /** The application a kind is about (every kind but WEBHOOK_DISABLED). */
  applicationId?: string;
  trackingNumber?: string;
  serviceId?: string;
  /** The webhook subscription a WEBHOOK_DISABLED notice is about. */
  subscriptionId?: string;
  /** ISO-8601 UTC instant, when the kind names a deadline. */
  dueAt?: string;
  /** The complaint a complaint kind is about (its application fields are empty): the link opens it. */
  complaintId?: string;
}
