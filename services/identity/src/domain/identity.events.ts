/** Identity's events; their payloads are the contracts in proto/serang/identity/v1/events.proto. */
export type Role = 'CITIZEN' | 'OFFICER' | 'AGENCY_ADMIN' | 'PLATFORM_ADMIN' | 'AGENCY_SYSTEM';
export type StaffRole = Extract<Role, 'OFFICER' | 'AGENCY_ADMIN' | 'PLATFORM_ADMIN'>;

/** Every personal field is a vault ciphertext under the person's own data key. */
export type CitizenRegistered = {
  type: 'CitizenRegistered';
  data: { personId: string; nikCiphertext: string; nameCiphertext: string; emailCiphertext: string; phoneCiphertext: string; registeredAt: string };
};

export type StaffAccountCreated = {
  type: 'StaffAccountCreated';
  data: { personId: string; roles: StaffRole[]; agencyId?: string; emailCiphertext: string; nameCiphertext?: string };
};

/** Why a session ended: a reason code, never free text. */
export type SessionRevokeReason = 'LOGOUT' | 'REFRESH_TOKEN_REUSED' | 'PASSWORD_CHANGED';

/**
 * A login session was revoked. Appended to the person's stream (`person-<id>`), so revocations
 * reach other services (the gateway) in order with the rest of the person's history.
 */
export type SessionRevoked = {
  type: 'SessionRevoked';
  data: { sessionId: string; personId: string; revokedAt: string; reason: SessionRevokeReason };
};

export type PersonEvent = CitizenRegistered | StaffAccountCreated | SessionRevoked;
