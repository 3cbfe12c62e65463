import type { AuthUser } from '@serang/platform';

/** Who an event says acted: the caller's id, first role and agency (the token decides, never arguments). */
export function actorOf(user: AuthUser): { id: string; role: string; agency?: string } {
  return { id: user.id, role: user.roles[0] ?? 'UNKNOWN', ...(user.agency ? { agency: user.agency } : {}) };
}
