import { lineProblem } from '@serang/text';
/** E-mail, phone and name as identity stores them: normalised once, at the edge. */
export type Email = string & { readonly __brand: 'Email' };
export type Phone = string & { readonly __brand: 'Phone' };
export type PersonName = string & { readonly __brand: 'PersonName' };

export type Parsed<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P };

/** The canonical form an e-mail address is compared in (registration and login alike). */
export function canonicalEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

// Practical rather than RFC 5322: what mail providers actually accept, with a dotted domain.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function normaliseEmail(raw: string): Parsed<Email, 'IDENTITY.EMAIL_INVALID'> {
  const email = canonicalEmail(raw);
  const local = email.slice(0, email.lastIndexOf('@'));
  if (email.length > 254 || local.length > 64 || !EMAIL.test(email)) return { ok: false, problem: 'IDENTITY.EMAIL_INVALID' };
  return { ok: true, value: email as Email };
}

/**
 * Indonesian numbers in E.164: `0812-3456-7890`, `62812…` and `+62 812…` all become
 * `+6281234567890`. Landlines (`0254…`, Serang) are accepted too; foreign numbers are not.
 */
export function normalisePhone(raw: string): Parsed<Phone, 'IDENTITY.PHONE_INVALID'> {
  const compact = raw.trim().replace(/[\s\-().]/g, '');
  const national = compact.startsWith('+62')
    ? compact.slice(3)
    : compact.startsWith('62')
      ? compact.slice(2)
      : compact.startsWith('0')
        ? compact.slice(1)
        : undefined;
  if (national === undefined || !/^[1-9]\d{7,12}$/.test(national)) return { ok: false, problem: 'IDENTITY.PHONE_INVALID' };
  return { ok: true, value: `+62${national}` as Phone };
}

/** A person's name as typed on their KTP: trimmed, inner spaces collapsed, 1–100 characters. */
export function normaliseName(raw: string): Parsed<PersonName, 'IDENTITY.NAME_INVALID'> {
  // One line, no bidi overrides (a name that displays as something else), then NFC and single spaces.
  if (lineProblem(raw)) return { ok: false, problem: 'IDENTITY.NAME_INVALID' };
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length === 0 || [...name].length > 100 || /\p{Cc}/u.test(name) || !/\p{L}/u.test(name))
    return { ok: false, problem: 'IDENTITY.NAME_INVALID' };
  return { ok: true, value: name as PersonName };
}
