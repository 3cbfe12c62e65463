import { createHmac } from 'node:crypto';

export type BlindIndexKind = 'nik' | 'email';
/** What else is keyed the same way: client addresses of the login throttle (never stored in plain text). */
export type KeyedDigestKind = BlindIndexKind | 'address';

/**
 * Keyed blind index: HMAC-SHA256 under BLIND_INDEX_KEY of a canonical value, so equal NIKs or
 * e-mails find each other without the table holding (or a dictionary reversing) them. The kind is
 * part of the input: a NIK's digest never equals an e-mail's.
 */
export function blindIndex(key: Buffer, kind: KeyedDigestKind, canonicalValue: string): Buffer {
  return createHmac('sha256', key).update(`${kind}\u0000${canonicalValue}`, 'utf8').digest();
}
