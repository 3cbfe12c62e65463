import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestIssuer {
  /** JWKS URL to give services as IDENTITY_JWKS_URL. */
  jwksUrl: string;
  /** Signs an ES256 access token like identity's (iss/aud 'serang-tatu' unless overridden). */
  token(
    claims: { sub: string; roles: string[]; agency?: string; sid?: string; tenant?: string },
    options?: { expiresIn?: string; issuer?: string; audience?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stand-in for identity in tests of other services: a real ES256 key, a real JWKS over HTTP on
 * 127.0.0.1, and tokens with the same claims identity issues. (Identity's own tests use identity.)
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const jose = await import('jose');
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const kid = `test-${Date.now()}`;
  const jwk = { ...(await jose.exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    token: (claims, options = {}) =>
      new jose.SignJWT({ roles: claims.roles, agency: claims.agency, sid: claims.sid ?? `s-${claims.sub}`, tenant: claims.tenant ?? '3604' })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(claims.sub)
        .setIssuer(options.issuer ?? 'serang-tatu')
        .setAudience(options.audience ?? 'serang-tatu')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '15m')
        .sign(privateKey),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
