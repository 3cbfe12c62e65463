/**
 * Request's own events. Their data are the contracts in proto/serang/request/v1/events.proto:
 * every field here has a field of the same name there (lowerCamelCase ↔ snake_case).
 */
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
  };
};

export type ApplicationEvent = ApplicationSubmitted;

/** Catalogue's event that request consumes to keep its own copy of published definitions. */
export type ServicePublished = {
  type: 'ServicePublished';
  data: { serviceId: string; agencyId: string; version: number; code: string; nameId: string; nameEn: string; definitionJson: string };
};
