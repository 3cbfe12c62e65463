/**
 * Request's own events. Their data are the contracts in proto/serang/request/v1/events.proto:
 * every field here has a field of the same name there (lowerCamelCase ↔ snake_case).
 */

/** An uploaded document, attached for one of the service's required documents. */
export interface DocumentRef {
  requirement: string;
  documentId: string;
}

export type ApplicationSubmitted = {
  type: 'ApplicationSubmitted';
  data: {
    applicationId: string;
    trackingNumber: string;
    serviceId: string;
    serviceVersion: number;
    agencyId: string;
    /** Identity's person id: an identifier, not personal data itself. */
    applicantId: string;
    /** The form's answers as JSON, a vault ciphertext under the applicant's key. */
    formCiphertext: string;
    documentIds: string[];
    /** ISO-8601 UTC instants. */
    submittedAt: string;
    dueAt: string;
    /** The workflow's start state (schema 1 may lack it: SUBMITTED, see application.upcasters.ts). */
    status: string;
    /** Documents by requirement (schema 1 may have only `documentIds`: see application.upcasters.ts). */
    documents: DocumentRef[];
    warnAt?: string;
  };
};

export type ApplicationClaimed = {
  type: 'ApplicationClaimed';
  data: { applicationId: string; officerId: string; officerRole: string; previousOfficerId?: string; version: number; at: string };
};

export type ApplicationTransitioned = {
  type: 'ApplicationTransitioned';
  data: {
    applicationId: string;
    action: string;
    fromStatus: string;
    toStatus: string;
    actorRole: string;
    actorId: string;
    /** A note to the applicant (a reason), a vault ciphertext under the applicant's key; '' when none. */
    noteCiphertext: string;
    /** The output's reference, a vault ciphertext under the applicant's key; '' when none. */
    outputReferenceCiphertext: string;
    version: number;
    at: string;
    /** The SLA after the transition; '' while paused (waiting on the citizen). */
    dueAt: string;
    warnAt: string;
    pausedRemainingWorkingDays: number;
    /** COMPLETED or REJECTED when the transition ended the application; '' otherwise. */
    outcome: string;
  };
};

export type ApplicationResubmitted = {
  type: 'ApplicationResubmitted';
  data: {
    applicationId: string;
    action: string;
    fromStatus: string;
    toStatus: string;
    formCiphertext: string;
    documents: DocumentRef[];
    version: number;
    at: string;
    dueAt: string;
    warnAt: string;
  };
};

export type ApplicationCancelled = { type: 'ApplicationCancelled'; data: { applicationId: string; fromStatus: string; version: number; at: string } };
export type ApplicationSlaWarningRaised = {
  type: 'ApplicationSlaWarningRaised';
  data: { applicationId: string; agencyId: string; dueAt: string; at: string; version: number };
};
export type ApplicationSlaBreached = {
  type: 'ApplicationSlaBreached';
  data: { applicationId: string; agencyId: string; dueAt: string; at: string; version: number };
};

export type ApplicationEvent =
  | ApplicationSubmitted
  | ApplicationClaimed
  | ApplicationTransitioned
  | ApplicationResubmitted
  | ApplicationCancelled
  | ApplicationSlaWarningRaised
  | ApplicationSlaBreached;

/** Catalogue's event that request consumes to keep its own copy of published definitions. */
export type ServicePublished = {
  type: 'ServicePublished';
  data: { serviceId: string; agencyId: string; version: number; code: string; nameId: string; nameEn: string; definitionJson: string };
};
