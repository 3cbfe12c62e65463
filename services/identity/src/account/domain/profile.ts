import { normaliseEmail, normaliseName, normalisePhone } from '../../person';
import { InvalidInput } from '../../person';

/** What a person may change of their profile; absent fields stay as they are. */
export interface ProfileForm {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  birthDate?: string | null;
}

export type ValidProfileChanges = { name?: string; email?: string; phone?: string; address?: string; birthDate?: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates and normalises every given field, reporting all bad ones at once. */
export function validateProfileChanges(form: ProfileForm, now: Date): ValidProfileChanges {
  const fields: Record<string, string> = {};
  const out: ValidProfileChanges = {};
  if (form.name != null) {
    const r = normaliseName(form.name);
    if (r.ok) out.name = r.value;
    else fields.name = r.problem;
  }
  if (form.email != null) {
    const r = normaliseEmail(form.email);
    if (r.ok) out.email = r.value;
    else fields.email = r.problem;
  }
  if (form.phone != null) {
    const r = normalisePhone(form.phone);
    if (r.ok) out.phone = r.value;
    else fields.phone = r.problem;
  }
  if (form.address != null) {
    const address = form.address
      .normalize('NFC')
      .trim()
      .replace(/[ \t]+/g, ' ');
    if (address.length < 5 || address.length > 300 || /[\u0000-\u0009\u000b-\u001f]/.test(address)) fields.address = 'IDENTITY.ADDRESS_INVALID';
    else out.address = address;
  }
  if (form.birthDate != null) {
    if (isPlausibleBirthDate(form.birthDate, now)) out.birthDate = form.birthDate;
    else fields.birthDate = 'IDENTITY.BIRTH_DATE_INVALID';
  }
  if (Object.keys(fields).length > 0) throw new InvalidInput(fields);
  return out;
}

/** A real calendar date, not in the future, not before 1900. */
function isPlausibleBirthDate(value: string, now: Date): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value && Number(m[1]) >= 1900 && d.getTime() <= now.getTime();
}
