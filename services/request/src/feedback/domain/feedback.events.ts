/**
 * Events of the feedback aggregate (`feedback-<id>`); payloads are contracts in
 * proto/serang/request/v1/events.proto (SurveyAnswered, FeedbackCommented).
 */

/** The applicant's survey answer (IKM), once per application: the stream id is the application's id. */
export type SurveyAnswered = {
  type: 'SurveyAnswered';
  data: {
    feedbackId: string;
    applicationId: string;
    agencyId: string;
    serviceId: string;
    /** Identity's person id: an identifier, not personal data itself. */
    respondentId: string;
    /** U1..U9 in the regulation's order, each 1–4. */
    scores: number[];
    /** Codes of fixed lists (survey.ts); '' when not given. */
    ageGroup: string;
    sex: string;
    education: string;
    occupation: string;
    /** Vault ciphertexts under the respondent's key; '' when none. */
    critiqueCiphertext: string;
    suggestionCiphertext: string;
    answeredAt: string;
  };
};

/** Critique or suggestions about an agency (or one of its services), given on their own. */
export type FeedbackCommented = {
  type: 'FeedbackCommented';
  data: {
    feedbackId: string;
    agencyId: string;
    /** '' when about the agency as a whole. */
    serviceId: string;
    respondentId: string;
    critiqueCiphertext: string;
    suggestionCiphertext: string;
    givenAt: string;
  };
};

export type FeedbackEvent = SurveyAnswered | FeedbackCommented;
