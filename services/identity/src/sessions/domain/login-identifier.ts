import { canonicalEmail } from '../../person';

/** What a person signs in with: their NIK or their e-mail address, in one field. */
export type LoginIdentifier = { kind: 'nik'; value: string } | { kind: 'email'; value: string };

/**
 * Sixteen digits (spaces ignored) are a NIK; anything else is taken as an e-mail address in its
 * canonical form. Validity is not checked: an unknown identifier is simply an unknown account.
 */
export function parseLoginIdentifier(raw: string): LoginIdentifier {
  const digits = raw.replace(/\s+/g, '');
  return /^\d{16}$/.test(digits) ? { kind: 'nik', value: digits } : { kind: 'email', value: canonicalEmail(raw) };
}
