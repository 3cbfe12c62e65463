/** Identity's events; their payloads are the contracts in proto/serang/identity/v1/events.proto. */
export type Role = 'CITIZEN' | 'OFFICER' | 'AGENCY_ADMIN' | 'PLATFORM_ADMIN' | 'AGENCY_SYSTEM';
export type StaffRole = Extract<Role, 'OFFICER' | 'AGENCY_ADMIN' | 'PLATFORM_ADMIN'>;
export const STAFF_ROLES: readonly StaffRole[] = ['OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN'];

/** Every personal field is a vault ciphertext under the person's own data key. */
export type CitizenRegistered = {
  type: 'CitizenRegistered';
  data: { personId: string; nikCiphertext: string; nameCiphertext: string; emailCiphertext: string; phoneCiphertext: string; registeredAt: string };
};

/**
 * An admin invited someone to work for an agency (or the platform). The person's id is chosen
 * here, so the e-mail is encrypted under their own key from the very first event; the link that
 * accepts the invitation is a secret that only the invitation e-mail carries.
 */
export type StaffInvited = {
  type: 'StaffInvited';
  data: { personId: string; roles: StaffRole[]; agencyId?: string; emailCiphertext: string; invitedBy: string; invitedAt: string; expiresAt: string };
};

/** A fresh link was sent for a pending invitation; the earlier link stops working. */
export type StaffInvitationRenewed = { type: 'StaffInvitationRenewed'; data: { personId: string; renewedBy: string; expiresAt: string } };

/** A pending invitation was withdrawn: its link stops working and the e-mail is free again. */
export type StaffInvitationRevoked = { type: 'StaffInvitationRevoked'; data: { personId: string; revokedBy: string; revokedAt: string } };

export type StaffAccountCreated = {
  type: 'StaffAccountCreated';
  data: { personId: string; roles: StaffRole[]; agencyId?: string; emailCiphertext: string; nameCiphertext?: string };
};

/** The person changed their own profile; only the changed fields are present (ciphertexts). */
export type PersonProfileUpdated = {
  type: 'PersonProfileUpdated';
  data: {
    personId: string;
    nameCiphertext?: string;
    emailCiphertext?: string;
    phoneCiphertext?: string;
    addressCiphertext?: string;
    birthDateCiphertext?: string;
    updatedAt: string;
  };
};

/** Why a session ended: a reason code, never free text. */
export type SessionRevokeReason = 'LOGOUT' | 'REFRESH_TOKEN_REUSED' | 'PASSWORD_CHANGED' | 'PERSON_ERASED' | 'SYSTEM_REVOKED';

/**
 * A login session was revoked. Appended to the owner's stream (`person-<id>` or
 * `agencysystem-<id>`), so revocations reach other services (the gateway) in order with the rest
 * of that history. `personId` names the owner of the session, person or agency system.
 */
export type SessionRevoked = {
  type: 'SessionRevoked';
  data: { sessionId: string; personId: string; revokedAt: string; reason: SessionRevokeReason };
};

/** Why a person was erased: a reason code, never free text about the person. */
export type ErasureReason = 'CITIZEN_REQUEST' | 'ADMIN_REQUEST';

/** A person was erased: every service destroys its data keys for them (crypto-shredding). */
export type PersonErased = { type: 'PersonErased'; data: { personId: string; erasedAt: string; reason: ErasureReason } };

export type PersonEvent =
  | CitizenRegistered
  | StaffInvited
  | StaffInvitationRenewed
  | StaffInvitationRevoked
  | StaffAccountCreated
  | PersonProfileUpdated
  | SessionRevoked
  | PersonErased;

/** An agency's own system (its silo app) became a machine client of the platform. */
export type AgencySystemRegistered = {
  type: 'AgencySystemRegistered';
  data: { systemId: string; agencyId: string; name: string; registeredBy: string; registeredAt: string };
};
/** An agency system's credentials were revoked: its tokens stop working. */
export type AgencySystemRevoked = { type: 'AgencySystemRevoked'; data: { systemId: string; revokedBy: string; revokedAt: string } };
export type AgencySystemEvent = AgencySystemRegistered | AgencySystemRevoked | SessionRevoked;
