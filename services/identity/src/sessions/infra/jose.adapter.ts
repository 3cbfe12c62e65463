/**
 * The one file that uses jose (an ES module: loaded with `await import()`, which swc keeps native).
 * Signing only; verification is the platform's TokenVerifier, the same code every service runs.
 */
type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
export type Jwk = Awaited<ReturnType<Jose['exportJWK']>>;
export type SigningKey = Awaited<ReturnType<Jose['importJWK']>>;

let loaded: Promise<Jose> | undefined;
const jose = (): Promise<Jose> => (loaded ??= import('jose'));

export const ALG = 'ES256';

/** A fresh ES256 key pair; `kid` is the RFC 7638 thumbprint of the public key. */
export async function generateEs256KeyPair(): Promise<{ kid: string; publicJwk: Jwk; privateJwk: Jwk }> {
  const j = await jose();
  const { publicKey, privateKey } = await j.generateKeyPair(ALG, { extractable: true });
  const publicJwk = await j.exportJWK(publicKey);
  const kid = await j.calculateJwkThumbprint(publicJwk);
  return { kid, publicJwk: { ...publicJwk, kid, alg: ALG, use: 'sig' }, privateJwk: await j.exportJWK(privateKey) };
}

export async function importPrivateKey(jwk: Jwk): Promise<SigningKey> {
  return (await jose()).importJWK(jwk, ALG);
}

export interface AccessTokenClaims {
  issuer: string;
  audience: string;
  subject: string;
  sessionId: string;
  roles: readonly string[];
  agency?: string;
  tenant: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Signs an access token: ES256, `kid` in the header, the claims every service reads. */
export async function signAccessToken(key: SigningKey, kid: string, c: AccessTokenClaims): Promise<string> {
  const j = await jose();
  return new j.SignJWT({ sid: c.sessionId, roles: [...c.roles], tenant: c.tenant, ...(c.agency ? { agency: c.agency } : {}) })
    .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
    .setIssuer(c.issuer)
    .setAudience(c.audience)
    .setSubject(c.subject)
    .setIssuedAt(Math.floor(c.issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(c.expiresAt.getTime() / 1000))
    .sign(key);
}
