import { AppError, requireUser, type RequestContext } from '@serang/platform';
import type { Author } from '../domain/service.aggregate';

/**
 * Who may author or see drafts, from the token alone (SPEC.md: tokens decide, never arguments).
 * Authoring: agency admins (their token's `agency`) and platform admins. Reading drafts: also
 * the agency's officers.
 */
export function authorOf(ctx: RequestContext): Author {
  const user = requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN');
  if (user.roles.includes('PLATFORM_ADMIN')) return { id: user.id, role: 'PLATFORM_ADMIN' };
  if (!user.agency) throw new AppError('FORBIDDEN', 'FORBIDDEN');
  return { id: user.id, role: 'AGENCY_ADMIN', agency: user.agency };
}

/** The agency whose services the caller may see as their staff; null: every agency (platform admins). */
export function staffAgencyOf(ctx: RequestContext): string | null {
  const user = requireUser(ctx, 'OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN');
  if (user.roles.includes('PLATFORM_ADMIN')) return null;
  if (!user.agency) throw new AppError('FORBIDDEN', 'FORBIDDEN');
  return user.agency;
}

/** Staff see their own agency's services only; a platform admin sees any. */
export function requireStaffOf(ctx: RequestContext, agencyId: string): void {
  const own = staffAgencyOf(ctx);
  if (own !== null && own !== agencyId) throw new AppError('FORBIDDEN', 'SERVICE.AUTHORING_FORBIDDEN');
}
