import type { StaffRole } from './identity.events';
import { InvalidStaffRoles, NotAllowed } from './identity.errors';

/** The caller as the token says: roles and the agency they act for. */
export interface Caller {
  id: string;
  roles: readonly string[];
  agency?: string;
}

const AGENCY_SCOPED: ReadonlySet<StaffRole> = new Set(['OFFICER', 'AGENCY_ADMIN']);

/** Officers and agency admins act for one agency; a platform admin for none. Returns the roles, deduplicated. */
export function checkStaffRoles(requested: readonly StaffRole[], agencyId: string | undefined): StaffRole[] {
  const roles = [...new Set(requested)];
  if (roles.length === 0) throw new InvalidStaffRoles('a staff account needs at least one role');
  const scoped = roles.some((r) => AGENCY_SCOPED.has(r));
  if (scoped && roles.includes('PLATFORM_ADMIN')) throw new InvalidStaffRoles('a platform admin is not also agency staff');
  if (scoped && !agencyId) throw new InvalidStaffRoles('officers and agency admins belong to an agency');
  if (!scoped && agencyId) throw new InvalidStaffRoles('a platform admin belongs to no agency');
  return roles;
}

export const isPlatformAdmin = (c: Caller): boolean => c.roles.includes('PLATFORM_ADMIN');
export const isAgencyAdminOf = (c: Caller, agencyId: string | undefined): boolean =>
  !!agencyId && c.roles.includes('AGENCY_ADMIN') && c.agency === agencyId;
export const isStaffOf = (c: Caller, agencyId: string | undefined): boolean =>
  !!agencyId && c.agency === agencyId && (c.roles.includes('OFFICER') || c.roles.includes('AGENCY_ADMIN'));

/**
 * Who may invite whom: a platform admin anyone (agency staff of any agency, or another platform
 * admin); an agency admin officers and agency admins of their own agency only.
 */
export function assertMayInvite(caller: Caller, roles: readonly StaffRole[], agencyId: string | undefined): void {
  if (isPlatformAdmin(caller)) return;
  if (isAgencyAdminOf(caller, agencyId) && roles.every((r) => AGENCY_SCOPED.has(r))) return;
  throw new NotAllowed('may not invite these roles for this agency');
}

/**
 * The agency a listing is about: an agency admin's own unless they name one (naming another is
 * then refused by assertManagesAgency); for a platform admin the one named, or none.
 */
export function agencyInScope(caller: Caller, agencyId: string | undefined): string | undefined {
  return isPlatformAdmin(caller) ? agencyId || undefined : (agencyId ?? caller.agency);
}

/** Who may see and manage an agency's staff, invitations and systems: its admins and platform admins. */
export function assertManagesAgency(caller: Caller, agencyId: string | undefined): void {
  if (isPlatformAdmin(caller) || isAgencyAdminOf(caller, agencyId)) return;
  throw new NotAllowed('may not manage this agency');
}
