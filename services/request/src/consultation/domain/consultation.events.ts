/**
 * Events of a consultation thread (`consultation-<id>`); payloads are contracts in
 * proto/serang/request/v1/events.proto. Every text is a vault ciphertext under the citizen's key
 * (the thread is about them, whoever writes), so erasing the citizen silences the whole thread.
 */

/** A citizen opened a thread with an agency, optionally about a service or one of their applications. */
export type ConsultationOpened = {
  type: 'ConsultationOpened';
  data: {
    threadId: string;
    citizenId: string;
    agencyId: string;
    serviceId: string;
    applicationId: string;
    subjectCiphertext: string;
    openedAt: string;
  };
};

/** A message in the thread, by the citizen or the agency's staff; `seq` numbers the thread's messages from 1. */
export type ConsultationMessagePosted = {
  type: 'ConsultationMessagePosted';
  data: {
    threadId: string;
    /** Chosen by the client: a resend of the same message is the same message. */
    messageId: string;
    seq: number;
    authorId: string;
    authorRole: string;
    textCiphertext: string;
    /** Keyed digest of the text under the citizen's key: tells a resend from another message with the same id. */
    textDigest: string;
    attachmentIds: string[];
    postedAt: string;
  };
};

/** An officer (or agency admin) took the thread to answer it. */
export type ConsultationClaimed = {
  type: 'ConsultationClaimed';
  data: { threadId: string; officerId: string; officerRole: string; previousOfficerId: string; at: string };
};

/** One side read the thread up to a message (read receipts). */
export type ConsultationRead = {
  type: 'ConsultationRead';
  data: { threadId: string; side: 'CITIZEN' | 'AGENCY'; readerId: string; upToSeq: number; at: string };
};

/** The thread was closed: it stays readable, nobody writes to it any more. */
export type ConsultationClosed = {
  type: 'ConsultationClosed';
  data: { threadId: string; closedById: string; closedByRole: string; at: string };
};

export type ConsultationEvent = ConsultationOpened | ConsultationMessagePosted | ConsultationClaimed | ConsultationRead | ConsultationClosed;
