/**
 * Notification's view of request's events (proto/serang/request/v1/events.proto): only the fields
 * it reads. Form, note and output-reference ciphertexts are deliberately left out, so nothing
 * personal can reach a notification by accident.
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

export interface ApplicationClaimedData {
  applicationId: string;
  officerId: string;
  officerRole: string;
  at: string;
}

export interface ApplicationTransitionedData {
  applicationId: string;
  /** REQUEST_REVISION, APPROVE, REJECT, COMPLETE, START_VERIFICATION… */
  action: string;
  fromStatus: string;
  toStatus: string;
  at: string;
  /** Empty while the application waits on the citizen (the SLA clock is paused), and once final. */
  dueAt: string;
  /** COMPLETED or REJECTED when the transition reached a terminal state; empty otherwise. */
  outcome: string;
}

export interface ApplicationResubmittedData {
  applicationId: string;
  at: string;
  dueAt: string;
}

export interface ApplicationCancelledData {
  applicationId: string;
  at: string;
}

/** ApplicationSlaWarningRaised and ApplicationSlaBreached. */
export interface ApplicationSlaData {
  applicationId: string;
  agencyId: string;
  dueAt: string;
  at: string;
}
