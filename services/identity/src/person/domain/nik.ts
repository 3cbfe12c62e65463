import type { Parsed } from './contact';

/** Nomor Induk Kependudukan: the 16-digit population number on the KTP. */
export type Nik = string & { readonly __brand: 'Nik' };
export type NikProblem = 'IDENTITY.NIK_FORMAT' | 'IDENTITY.NIK_INVALID';

/** Province codes of Kemendagri (the first two digits), including the 2022 Papua provinces. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95,
  96,
]);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // the century is unknown: 29 Feb always passes

/**
 * PPKKCC DDMMYY SSSS: province, regency/city, district, birth date (40 added to the day for
 * women), serial. Only plausibility is checked here — whether the number was ever issued is
 * Dukcapil's to say. Spaces typed between the groups are ignored.
 */
export function parseNik(raw: string): Parsed<Nik, NikProblem> {
  const nik = raw.replace(/\s+/g, '');
  if (!/^\d{16}$/.test(nik)) return { ok: false, problem: 'IDENTITY.NIK_FORMAT' };
  const part = (from: number) => Number(nik.slice(from, from + 2));
  const [province, regency, district, dayField, month] = [part(0), part(2), part(4), part(6), part(8)];
  const day = dayField > 40 ? dayField - 40 : dayField;
  const plausible =
    PROVINCES.has(province) &&
    regency > 0 &&
    district > 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= DAYS_IN_MONTH[month - 1] &&
    nik.slice(12) !== '0000';
  return plausible ? { ok: true, value: nik as Nik } : { ok: false, problem: 'IDENTITY.NIK_INVALID' };
}
