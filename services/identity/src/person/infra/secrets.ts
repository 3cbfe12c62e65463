import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Identity's bearer secrets: refresh tokens, invitation links, agency systems' and OIDC clients'
 * secrets. 256 random bits, handed out once; only their sha256 is kept — a slow password hash
 * buys nothing against a secret no one can guess, and would cost an argon2 run on every use.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant-time comparison of a presented secret with a stored digest. */
export function secretMatches(digest: Buffer, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 512) return false;
  const candidate = secretDigest(presented);
  return candidate.length === digest.length && timingSafeEqual(candidate, digest);
}
