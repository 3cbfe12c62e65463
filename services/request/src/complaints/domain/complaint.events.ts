/**
 * The events of a complaint (pengaduan). Their data are the contracts in
 * proto/serang/request/v1/complaint_events.proto: every field here has a field of the same name
 * there (lowerCamelCase ↔ snake_case). No event names an anonymous complainant: the filing carries
 * `complainantId` only when the complaint is not anonymous, and the person's id otherwise only as
 * `complainantCiphertext`, sealed under the complaint's own vault key for platform admins' abuse
 * handling. Text, location and the agency's answer are ciphertexts under that key too.
 */

export type ComplaintFiled = {
  type: 'ComplaintFiled';
  data: {
    complaintId: string;
    /** The per-complaint pseudonym every event of the complainant carries as its actor. */
    pseudonym: string;
    categoryCode: string;
    slaWorkingDays: number;
    /** The agency the citizen chose; '' for "I don't know which agency". */
    agencyId: string;
    anonymous: boolean;
    confidential: boolean;
    /** Identity's person id when not anonymous; '' when anonymous. */
    complainantId: string;
    /** The person's id, a vault ciphertext under the complaint's key (both kinds: abuse handling). */
    complainantCiphertext: string;
    /** A keyed digest of the complainant under their own key: who may act as the complainant. */
    ownerDigest: string;
    textCiphertext: string;
    /** '' when no location was given. */
    locationCiphertext: string;
    /** Uploaded documents (POST /uploads) the complainant attached. */
    attachmentIds: string[];
    /** One of the complainant's own applications; '' when none (never for an anonymous complaint). */
    applicationId: string;
    filedAt: string;
    dueAt: string;
    warnAt: string;
  };
};

/** A platform admin triaged it: the agency it goes to is now known (routed when the citizen did not know). */
export type ComplaintVerified = {
  type: 'ComplaintVerified';
  data: { complaintId: string; agencyId: string; actorId: string; actorRole: string; version: number; at: string };
};

/** Sent to an agency: after verification, or on to the right agency from the wrong door (never rejected for it). */
export type ComplaintForwarded = {
  type: 'ComplaintForwarded';
  data: {
    complaintId: string;
    /** '' when it came from triage (no agency held it yet). */
    fromAgencyId: string;
    toAgencyId: string;
    actorId: string;
    actorRole: string;
    /** Why it was forwarded (staff-written, about the routing, not the person); '' when none. */
    reason: string;
    version: number;
    at: string;
  };
};

/** An officer (or agency admin) of the agency took it up. */
export type ComplaintTakenUp = {
  type: 'ComplaintTakenUp';
  data: { complaintId: string; agencyId: string; officerId: string; officerRole: string; version: number; at: string };
};

/** The agency answered the complainant; the answer is a ciphertext under the complaint's key. */
export type ComplaintAnswered = {
  type: 'ComplaintAnswered';
  data: { complaintId: string; agencyId: string; actorId: string; actorRole: string; answerCiphertext: string; version: number; at: string };
};

/** The complainant was not satisfied with the answer: back to the agency (once, within 14 days). */
export type ComplaintReopened = {
  type: 'ComplaintReopened';
  data: { complaintId: string; agencyId: string; reasonCiphertext: string; version: number; at: string; dueAt: string; warnAt: string };
};

/** Closed: accepted by the complainant, or by a platform admin once answered. */
export type ComplaintClosed = {
  type: 'ComplaintClosed';
  data: { complaintId: string; agencyId: string; actorRole: string; version: number; at: string };
};

export type ComplaintSlaWarningRaised = {
  type: 'ComplaintSlaWarningRaised';
  data: { complaintId: string; agencyId: string; dueAt: string; at: string; version: number };
};
export type ComplaintSlaBreached = {
  type: 'ComplaintSlaBreached';
  data: { complaintId: string; agencyId: string; dueAt: string; at: string; version: number };
};

/** Referred to SP4N-LAPOR! (the national system): not a step of the agency's work, so no version. */
export type ComplaintReferredToLapor = {
  type: 'ComplaintReferredToLapor';
  data: { complaintId: string; laporId: string; laporTrackingId: string; actorId: string; at: string };
};

export type ComplaintEvent =
  | ComplaintFiled
  | ComplaintVerified
  | ComplaintForwarded
  | ComplaintTakenUp
  | ComplaintAnswered
  | ComplaintReopened
  | ComplaintClosed
  | ComplaintSlaWarningRaised
  | ComplaintSlaBreached
  | ComplaintReferredToLapor;
