/**
 * Notification's view of request's `ApplicationSubmitted` (proto/serang/request/v1/events.proto):
 * only the fields it reads. The form ciphertext and document ids are deliberately left out, so
 * nothing personal can reach the inbox by accident.
 */
export interface ApplicationSubmittedData {
  applicationId: string;
  trackingNumber: string;
  serviceId: string;
  agencyId: string;
  applicantId: string;
  /** ISO-8601 UTC instant. */
  submittedAt: string;
  /** ISO-8601 UTC instant by which the agency must decide. */
  dueAt: string;
}
