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

export type PersonEvent = CitizenRegistered | StaffAccountCreated;
