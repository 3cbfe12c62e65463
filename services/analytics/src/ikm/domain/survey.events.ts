/**
 * Analytics' view of request's feedback events (proto/serang/request/v1/events.proto): only what
 * the IKM counts by. The respondent and the free text (ciphertexts) are left out — an index needs
 * no person.
 */
export interface SurveyAnsweredData {
  feedbackId: string;
  agencyId: string;
  serviceId: string;
  scores: number[];
  ageGroup: string;
  sex: string;
  education: string;
  occupation: string;
  answeredAt: string;
}

/** The part of `ApplicationTransitioned` that tells an application ended (the survey's population). */
export interface ApplicationEndedData {
  applicationId: string;
  at: string;
  /** COMPLETED or REJECTED when the transition ended the application; '' otherwise. */
  outcome: string;
}
