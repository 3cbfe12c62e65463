import type { Caller } from '../../person';
import { isPlatformAdmin } from '../../person';

/**
 * A NIK as officers see it unless they unmask it with a reason: the regency code (first four
 * digits) and the serial (last four) stay, the district and birth date do not: `3604********0001`.
 */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '*'.repeat(nik.length);
}

/** `s***@example.id`: enough for an admin to recognise a colleague's address, not to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** What a staff member's access to a person's data was for; stable codes in the audit trail. */
export type AccessPurpose = 'VIEW_SUMMARY' | 'REVEAL';

/**
 * Whether staff may see a person's data at all: a platform admin always (and audited); an officer
 * or agency admin only when the person has business with their agency (an application to it),
 * which identity learns from request's events. Tokens decide: never an argument.
 */
export function staffMaySee(caller: Caller, personAgencies: readonly string[]): boolean {
  if (isPlatformAdmin(caller)) return true;
  const staff = caller.roles.includes('OFFICER') || caller.roles.includes('AGENCY_ADMIN');
  return staff && !!caller.agency && personAgencies.includes(caller.agency);
}

export const REVEAL_REASON_MIN = 10;
export const REVEAL_REASON_MAX = 500;

/** A reason to unmask must say something (at least 10 characters), and not be a novel. */
export function revealReasonProblem(reason: string): string | undefined {
  const text = reason.trim();
  if (text.length < REVEAL_REASON_MIN) return 'IDENTITY.REVEAL_REASON_TOO_SHORT';
  if (text.length > REVEAL_REASON_MAX) return 'IDENTITY.REVEAL_REASON_TOO_LONG';
  return undefined;
}
