import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Client secrets: 256 random bits, shown to the platform admin once. Only their sha256 is kept:
 * a slow password hash buys nothing against a secret no one can guess, and would cost an argon2
 * run on every token request.
 */
export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function clientSecretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant-time comparison of a presented secret with a stored digest. */
export function clientSecretMatches(digest: Buffer, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 512) return false;
  const candidate = clientSecretDigest(presented);
  return candidate.length === digest.length && timingSafeEqual(candidate, digest);
}
