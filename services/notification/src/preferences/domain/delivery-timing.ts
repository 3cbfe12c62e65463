import type { NotificationKind } from '../../domain/notification.kinds';
import type { QuietHours } from './preferences.aggregate';

/** Kinds that need someone to act soon: they go out in quiet hours too. */
export const URGENT_KINDS: readonly NotificationKind[] = ['REVISION_REQUESTED', 'SLA_WARNING', 'SLA_BREACHED', 'WEBHOOK_DISABLED'];

const JAKARTA_OFFSET_MS = 7 * 3600 * 1000; // WIB, no daylight saving

/**
 * When a message of `kind` may go to a person with these quiet hours, given it is `now`: `now`
 * itself, or — for a non-urgent kind inside the quiet hours — the end of them (Asia/Jakarta). Pure.
 */
export function sendableAt(now: Date, kind: NotificationKind, quiet: QuietHours | null): Date {
  if (!quiet || URGENT_KINDS.includes(kind)) return now;
  const local = now.getTime() + JAKARTA_OFFSET_MS;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  const minute = Math.floor((local - dayStart) / 60_000);
  const { startMinute: s, endMinute: e } = quiet;
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return now;
  // The end is today, or tomorrow when the window spans midnight and we are before midnight.
  const endLocal = dayStart + e * 60_000 + (s > e && minute >= s ? 86_400_000 : 0);
  return new Date(endLocal - JAKARTA_OFFSET_MS);
}
