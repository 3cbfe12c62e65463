/**
 * SPEC.md "Time": dates and deadlines are in Asia/Jakarta (WIB). An SLA of N working days ends at
 * the close of the Nth working day after the day of submission; weekends, national holidays and
 * joint-leave days do not count. Pure: the calendar comes in as data.
 */

/** WIB is UTC+7 all year: Indonesia has had no daylight saving time since 1964. */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface WorkingDayCalendar {
  /** ISO dates (Asia/Jakarta) that are not working days besides Saturdays and Sundays. */
  readonly holidays: ReadonlySet<string>;
}

export function workingDayCalendar(holidays: Iterable<string>): WorkingDayCalendar {
  const set = new Set<string>();
  for (const h of holidays) {
    if (!isIsoDate(h)) throw new RangeError(`not an ISO date: ${h}`);
    set.add(h);
  }
  return { holidays: set };
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The calendar date in Jakarta at an instant. */
export function jakartaDate(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a Jakarta calendar date (23:59:59.999 WIB). */
export function endOfJakartaDay(isoDate: string): Date {
  return new Date(dayNumber(isoDate) * DAY_MS + DAY_MS - 1 - WIB_OFFSET_MS);
}

export function isWorkingDay(isoDate: string, calendar: WorkingDayCalendar): boolean {
  const weekday = new Date(dayNumber(isoDate) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(isoDate);
}

/**
 * When an SLA of `workingDays` ends for something submitted at `submittedAt`: the close of the
 * Nth working day after the day of submission (0 days: the close of the day of submission).
 */
export function slaDueAt(submittedAt: Date, workingDays: number, calendar: WorkingDayCalendar): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${workingDays}`);
  let day = dayNumber(jakartaDate(submittedAt));
  for (let counted = 0; counted < workingDays;) {
    day += 1;
    if (isWorkingDay(isoOfDay(day), calendar)) counted += 1;
  }
  return endOfJakartaDay(isoOfDay(day));
}

/** Days since 1970-01-01 of a calendar date. */
function dayNumber(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Working days left on a paused clock: those after the day of `pausedAt` up to and including the
 * day `dueAt` falls on (the day of the pause counts as used). Never negative.
 */
export function workingDaysLeft(pausedAt: Date, dueAt: Date, calendar: WorkingDayCalendar): number {
  const last = dayNumber(jakartaDate(dueAt));
  let left = 0;
  for (let day = dayNumber(jakartaDate(pausedAt)) + 1; day <= last; day++) if (isWorkingDay(isoOfDay(day), calendar)) left += 1;
  return left;
}

/**
 * The instant at which `fraction` of the working time between `start` and `due` has passed:
 * only time on working days (whole Jakarta days) counts, so a weekend in between does not bring a
 * warning forward. With no working time at all (an SLA ending the same non-working day), `due`.
 */
export function slaWarnAt(start: Date, due: Date, calendar: WorkingDayCalendar, fraction = 0.8): Date {
  const spans: Array<[number, number]> = [];
  let total = 0;
  const lastDay = dayNumber(jakartaDate(due));
  for (let day = dayNumber(jakartaDate(start)); day <= lastDay; day++) {
    if (!isWorkingDay(isoOfDay(day), calendar)) continue;
    const from = Math.max(day * DAY_MS - WIB_OFFSET_MS, start.getTime());
    const to = Math.min(day * DAY_MS + DAY_MS - WIB_OFFSET_MS, due.getTime() + 1);
    if (to > from) {
      spans.push([from, to]);
      total += to - from;
    }
  }
  if (total === 0) return due;
  let remaining = total * fraction;
  for (const [from, to] of spans) {
    if (remaining <= to - from) return new Date(Math.round(from + remaining));
    remaining -= to - from;
  }
  return due;
}
