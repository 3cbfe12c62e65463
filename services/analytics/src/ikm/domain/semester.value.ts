import type { Period } from '../../domain/period.value';

/** A half year of the regulation's periodic report: `2026-1` (January–June) or `2026-2` (July–December). */
export interface Semester {
  year: number;
  half: 1 | 2;
  period: Required<Period>;
}

/** Parses `YYYY-1` / `YYYY-2`; null when it is no semester. Pure. */
export function semesterFrom(text: string): Semester | null {
  const m = /^(\d{4})-([12])$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const half = Number(m[2]) as 1 | 2;
  return { year, half, period: half === 1 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` } };
}
