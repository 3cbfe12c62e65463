/**
 * Who works an agency's applications: its officers, its admins and its own systems. In this
 * order of precedence: someone holding several acts in the first (an agency admin who is also an
 * officer acts as admin).
 */
export const STAFF_ROLES = ['AGENCY_ADMIN', 'OFFICER', 'AGENCY_SYSTEM'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

/** The role a caller with these roles acts in on applications: a staff role first, else citizen. */
export function actingRole(roles: readonly string[]): string {
  return STAFF_ROLES.find((r) => roles.includes(r)) ?? (roles.includes('CITIZEN') ? 'CITIZEN' : (roles[0] ?? 'UNKNOWN'));
}
