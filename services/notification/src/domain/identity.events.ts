/** Notification's view of identity's staff events (proto/serang/identity/v1/events.proto): ids and roles only. */
export interface StaffAccountData {
  personId: string;
  /** OFFICER, AGENCY_ADMIN, PLATFORM_ADMIN. */
  roles: string[];
  /** Absent for a platform admin. */
  agencyId?: string;
}

export interface StaffInvitationRevokedData {
  personId: string;
}

export interface PersonErasedData {
  personId: string;
  erasedAt: string;
}
