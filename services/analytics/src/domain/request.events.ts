/**
 * Analytics' view of request's `ApplicationSubmitted` (proto/serang/request/v1/events.proto):
 * only what it counts by. The form ciphertext, document ids and the applicant are left out —
 * aggregates need no person.
 */
export interface ApplicationSubmittedData {
  applicationId: string;
  serviceId: string;
  serviceVersion: number;
  agencyId: string;
  /** ISO-8601 UTC instant. */
  submittedAt: string;
  /** ISO-8601 UTC instant by which the agency must decide. */
  dueAt: string;
}
