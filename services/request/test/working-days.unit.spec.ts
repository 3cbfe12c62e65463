import { INDONESIAN_HOLIDAYS } from '../src/domain/indonesian-holidays';
import { endOfJakartaDay, isIsoDate, jakartaDate, slaDueAt, slaWarnAt, workingDayCalendar, workingDaysLeft } from '../src/domain/working-days';

const none = workingDayCalendar([]);
const official = workingDayCalendar(INDONESIAN_HOLIDAYS.map((h) => h.date));
/** An instant given in WIB (UTC+7). */
const wib = (local: string) => new Date(`${local}+07:00`);

describe('working-day calendar (Asia/Jakarta)', () => {
  it('reads the date of an instant in Jakarta, not in UTC', () => {
    expect(jakartaDate(new Date('2026-03-02T16:59:59.999Z'))).toBe('2026-03-02'); // 23:59:59.999 WIB
    expect(jakartaDate(new Date('2026-03-02T17:00:00.000Z'))).toBe('2026-03-03'); // 00:00 WIB next day
    expect(endOfJakartaDay('2026-03-02').toISOString()).toBe('2026-03-02T16:59:59.999Z');
  });

  it('ends N working days after the day of submission, at the close of that day', () => {
    // Monday 2 March 2026, 09:00 WIB + 3 working days → Thursday 5 March, 23:59:59.999 WIB.
    expect(slaDueAt(wib('2026-03-02T09:00:00'), 3, none)).toEqual(wib('2026-03-05T23:59:59.999'));
    // Late in the evening still counts as the day of submission.
    expect(slaDueAt(wib('2026-03-02T23:59:00'), 1, none)).toEqual(wib('2026-03-03T23:59:59.999'));
    // 00:30 WIB on Tuesday is already Tuesday, though it is Monday in UTC.
    expect(slaDueAt(wib('2026-03-03T00:30:00'), 1, none)).toEqual(wib('2026-03-04T23:59:59.999'));
  });

  it('skips weekends', () => {
    // Friday 6 March + 1 → Monday 9 March; + 5 → Friday 13 March.
    expect(slaDueAt(wib('2026-03-06T10:00:00'), 1, none)).toEqual(wib('2026-03-09T23:59:59.999'));
    expect(slaDueAt(wib('2026-03-06T10:00:00'), 5, none)).toEqual(wib('2026-03-13T23:59:59.999'));
    // Submitted on a Saturday: Monday is the first working day after it.
    expect(slaDueAt(wib('2026-03-07T10:00:00'), 1, none)).toEqual(wib('2026-03-09T23:59:59.999'));
  });

  it('skips national holidays and joint-leave days (Idulfitri 2026: 18–24 March off but the 19th…)', () => {
    // Tue 17 March 2026 + 1: Wed 18 (cuti bersama Nyepi), Thu 19 (Nyepi), Fri 20 (cuti bersama),
    // Sat–Sun 21–22 (Idulfitri), Mon 23 and Tue 24 (cuti bersama) → Wednesday 25 March.
    expect(slaDueAt(wib('2026-03-17T08:00:00'), 1, official)).toEqual(wib('2026-03-25T23:59:59.999'));
    expect(slaDueAt(wib('2026-03-17T08:00:00'), 1, none)).toEqual(wib('2026-03-18T23:59:59.999'));
    // Submitted on a holiday: the next working day is the first.
    expect(slaDueAt(wib('2026-08-17T10:00:00'), 1, official)).toEqual(wib('2026-08-18T23:59:59.999'));
  });

  it('crosses the year end (Christmas, joint leave, New Year)', () => {
    // Wed 23 Dec 2026 + 3: Thu 24 (cuti bersama), Fri 25 (Christmas), weekend, Mon 28, Tue 29, Wed 30.
    expect(slaDueAt(wib('2026-12-23T14:00:00'), 3, official)).toEqual(wib('2026-12-30T23:59:59.999'));
    // Wed 30 Dec 2026 + 2: Thu 31, Fri 1 Jan 2027 (New Year), weekend → Mon 4 Jan 2027.
    expect(slaDueAt(wib('2026-12-30T14:00:00'), 2, official)).toEqual(wib('2027-01-04T23:59:59.999'));
    // Still 31 December in UTC, already 1 January in Jakarta: the holiday is the day of submission.
    expect(slaDueAt(new Date('2026-12-31T18:00:00Z'), 1, official)).toEqual(wib('2027-01-04T23:59:59.999'));
  });

  it('treats 0 working days as the close of the day of submission, and refuses nonsense', () => {
    expect(slaDueAt(wib('2026-03-02T09:00:00'), 0, none)).toEqual(wib('2026-03-02T23:59:59.999'));
    expect(() => slaDueAt(wib('2026-03-02T09:00:00'), -1, none)).toThrow(RangeError);
    expect(() => slaDueAt(wib('2026-03-02T09:00:00'), 1.5, none)).toThrow(RangeError);
  });

  it('accepts only real ISO dates in a calendar', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('17-08-2026')).toBe(false);
    expect(() => workingDayCalendar(['2026-13-01'])).toThrow(RangeError);
  });

  it('ships a built-in list that is sorted, unique and covers 2026 and 2027', () => {
    const dates = INDONESIAN_HOLIDAYS.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.every(isIsoDate)).toBe(true);
    expect(INDONESIAN_HOLIDAYS.filter((h) => h.date.startsWith('2026-') && h.kind === 'JOINT_LEAVE')).toHaveLength(8);
    expect(dates.some((d) => d.startsWith('2027-'))).toBe(true);
  });

  it('counts the working days left on a paused clock from the day after the pause', () => {
    const due = wib('2026-03-05T23:59:59.999'); // Thursday
    expect(workingDaysLeft(wib('2026-03-03T10:00:00'), due, none)).toBe(2); // paused Tuesday: Wed, Thu left
    expect(workingDaysLeft(wib('2026-03-05T10:00:00'), due, none)).toBe(0); // paused on the due day
    expect(workingDaysLeft(wib('2026-03-09T10:00:00'), due, none)).toBe(0); // already overdue
    // Paused Wed 23 Dec 2026, due Wed 30 Dec: Christmas and its joint leave do not count, the 28th–30th do.
    expect(workingDaysLeft(wib('2026-12-23T10:00:00'), wib('2026-12-30T23:59:59.999'), official)).toBe(3);
    // Resumed (slaDueAt from the day of resubmission) with those days: the same length of promise again.
    expect(slaDueAt(wib('2027-01-05T09:00:00'), 3, official)).toEqual(wib('2027-01-08T23:59:59.999'));
  });

  it('warns at 80 % of the working time, never counting a weekend in between', () => {
    // Mon 09:00 + 3 days → Thu 23:59:59.999: 87 h of working time (Mon 15 h + Tue–Thu 72 h); 80 % = 69.6 h → Thu 06:36 WIB.
    const start = wib('2026-03-02T09:00:00');
    expect(slaWarnAt(start, slaDueAt(start, 3, none), none)).toEqual(wib('2026-03-05T06:36:00.000'));
    // Fri 12:00 + 1 day → Mon 23:59:59.999: Fri 12 h + Mon 24 h = 36 h; 80 % = 28.8 h → Mon 16:48, not Sunday.
    const friday = wib('2026-03-06T12:00:00');
    expect(slaWarnAt(friday, slaDueAt(friday, 1, none), none)).toEqual(wib('2026-03-09T16:48:00.000'));
    // No working time at all (a 0-day promise made on a Saturday): the warning is the due time.
    const saturday = wib('2026-03-07T10:00:00');
    expect(slaWarnAt(saturday, slaDueAt(saturday, 0, none), none)).toEqual(slaDueAt(saturday, 0, none));
  });
});
