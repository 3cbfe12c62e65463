/**
 * Tracking numbers (nomor pelacakan), e.g. `SRG-26-7K3F9Q-X`: prefix, the year of submission in
 * Asia/Jakarta, a random body of six Crockford base32 symbols (about 10⁹ per year, so a neighbour
 * cannot be guessed from one's own number), and a check symbol.
 *
 * The check symbol is Crockford's: the value of the year digits and the body, read as one base32
 * number, mod 37, written with the 32 symbols and `*~$=U`. Because 37 is a prime larger than 32,
 * every single wrong symbol and every swap of two adjacent symbols changes the check. The year
 * is included so that a mistyped year is caught too.
 */
import { jakartaDate } from './working-days';

export type TrackingNumber = string & { readonly __brand: 'TrackingNumber' };

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_ALPHABET = `${ALPHABET}*~$=U`;
export const TRACKING_BODY_LENGTH = 6;
const SHAPE = /^([A-Z]{2,5})-(\d{2})-([0-9A-Z]{6})-([0-9A-Z*~$=])$/;

/** The check symbol of a sequence of base32 symbols (digits count as their own value). */
export function checkSymbol(symbols: string): string {
  let rest = 0;
  for (const ch of symbols) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`not a Crockford base32 symbol: ${ch}`);
    rest = (rest * 32 + v) % 37;
  }
  return CHECK_ALPHABET[rest];
}

/**
 * A new tracking number. `random` supplies the body: at least six bytes from a cryptographic
 * source (the caller's); each byte's low five bits pick a symbol, uniformly since 256 = 8 × 32.
 */
export function newTrackingNumber(prefix: string, submittedAt: Date, random: Uint8Array): TrackingNumber {
  if (!/^[A-Z]{2,5}$/.test(prefix)) throw new RangeError(`tracking prefix must be 2–5 letters A–Z, got ${prefix}`);
  if (random.length < TRACKING_BODY_LENGTH) throw new RangeError(`need ${TRACKING_BODY_LENGTH} random bytes`);
  const year = jakartaDate(submittedAt).slice(2, 4);
  let body = '';
  for (let i = 0; i < TRACKING_BODY_LENGTH; i++) body += ALPHABET[random[i] & 31];
  return `${prefix}-${year}-${body}-${checkSymbol(year + body)}` as TrackingNumber;
}

/**
 * Reads what a person typed: case, spaces and Crockford's look-alikes (O→0, I/L→1) are forgiven;
 * returns null when the shape is wrong or the check symbol does not match (a typo).
 */
export function parseTrackingNumber(input: string): TrackingNumber | null {
  const m = SHAPE.exec(input.trim().toUpperCase().replace(/\s+/g, ''));
  if (!m) return null;
  const [, prefix, year] = m;
  const body = forgiveLookAlikes(m[3]);
  const check = forgiveLookAlikes(m[4]);
  if (![...body].every((ch) => ALPHABET.includes(ch))) return null;
  if (checkSymbol(year + body) !== check) return null;
  return `${prefix}-${year}-${body}-${check}` as TrackingNumber;
}

function forgiveLookAlikes(symbols: string): string {
  return symbols.replace(/O/g, '0').replace(/[IL]/g, '1');
}
