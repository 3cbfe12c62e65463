/**
 * Brute-force throttling of failed logins, per account and per client address. Pure: the times
 * come in, the next record goes out; storage and the clock are the caller's.
 */
export const LOGIN_THROTTLE = {
  /** Failures allowed before the first lock. */
  freeFailures: 5,
  /** The count starts over after this long without a failure (counted from the end of a lock). */
  quietMs: 15 * 60_000,
  /** The first lock; each further failure doubles it… */
  firstLockMs: 60_000,
  /** …up to this. */
  maxLockMs: 60 * 60_000,
} as const;

export interface FailureRecord {
  failures: number;
  lastFailureAt: Date;
  lockedUntil?: Date;
}

/** Seconds until a locked key may try again; undefined when it may try now. */
export function retryAfterSeconds(record: FailureRecord | undefined, now: Date): number | undefined {
  const until = record?.lockedUntil?.getTime();
  if (until === undefined || until <= now.getTime()) return undefined;
  return Math.ceil((until - now.getTime()) / 1000);
}

/**
 * The record after one more failure. The quiet period runs from the later of the last failure and
 * the end of the last lock, so a lock longer than the quiet period does not reset the doubling:
 * the 5th failure locks for 1 minute, the 6th for 2, the 7th for 4, … the 11th and later for 60.
 */
export function recordFailure(record: FailureRecord | undefined, now: Date): FailureRecord {
  const quietSince = record ? Math.max(record.lastFailureAt.getTime(), record.lockedUntil?.getTime() ?? 0) : 0;
  const fresh = !record || now.getTime() - quietSince >= LOGIN_THROTTLE.quietMs;
  const failures = fresh ? 1 : record.failures + 1;
  if (failures < LOGIN_THROTTLE.freeFailures) return { failures, lastFailureAt: now };
  const lockMs = Math.min(LOGIN_THROTTLE.firstLockMs * 2 ** (failures - LOGIN_THROTTLE.freeFailures), LOGIN_THROTTLE.maxLockMs);
  return { failures, lastFailureAt: now, lockedUntil: new Date(now.getTime() + lockMs) };
}
