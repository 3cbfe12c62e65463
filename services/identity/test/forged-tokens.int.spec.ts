import { createPublicKey } from 'node:crypto';
import { parseMasterKeys } from '@serang/vault';
import { openWithMasterKey } from '../src/person/infra/master-key-seal';
import { IdentityWorld } from './fixtures/identity-world';
import { testPort } from '@serang/testing';

type JsonWebKeySet = { keys: Array<Record<string, unknown>> };

/**
 * Tokens an attacker can make: each must be refused as UNAUTHENTICATED (AUTH.INVALID_TOKEN), by
 * the same verifier the gateway and every subgraph run. The genuine token is the control.
 */
describe('forged and stale access tokens (identity process, real PostgreSQL)', () => {
  const world = new IdentityWorld(testPort(4985));
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it('refuses alg none, a foreign key, HS256 keyed with the public key, tampered claims, and identity-signed tokens that expired or name another audience or issuer', async () => {
    const jose = await import('jose');
    const citizen = await world.citizen('Citizen Forged');
    const genuine = citizen.accessToken;
    const claims = jose.decodeJwt(genuine);
    const header = jose.decodeProtectedHeader(genuine);
    const { keys } = (await (await fetch(`${world.svc.url}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, string>> };
    const publicPem = createPublicKey({ key: keys[0], format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const foreign = await jose.generateKeyPair('ES256');
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: Record<string, unknown>, key: Parameters<InstanceType<typeof jose.SignJWT>['sign']>[0], alg = 'ES256') =>
      new jose.SignJWT(payload).setProtectedHeader({ alg, kid: header.kid }).sign(key);

    const forgeries: Record<string, string> = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'another key, same kid': await sign(claims, foreign.privateKey),
      'HS256 keyed with the public key': await sign(claims, new TextEncoder().encode(publicPem), 'HS256'),
      'changed roles, original signature': `${genuine.split('.')[0]}.${b64({ ...claims, roles: ['PLATFORM_ADMIN'] })}.${genuine.split('.')[2]}`,
      'expired (signed by identity in its time)': '',
      'wrong audience': '',
    };
    // Tokens only identity's own key can make, as identity would have made them: its private key,
    // opened the way identity opens it (the test knows the master key it gave the process).
    const row = (await world.pool.query('select kid, private_key, master_key_id from identity.signing_keys where retired_at is null')).rows[0] as {
      kid: string;
      private_key: Buffer;
      master_key_id: string;
    };
    const ring = parseMasterKeys(world.env.VAULT_MASTER_KEYS);
    const identityKey = await jose.importJWK(
      JSON.parse(openWithMasterKey(ring, row.master_key_id, row.private_key, `signing-key:${row.kid}`).toString('utf8')),
      'ES256',
    );
    expect(row.kid).toBe(header.kid);
    forgeries['expired (signed by identity in its time)'] = await sign({ ...claims, iat: now - 3600, exp: now - 1800 }, identityKey);
    forgeries['wrong audience'] = await sign({ ...claims, aud: 'another-deployment' }, identityKey);
    forgeries['wrong issuer'] = await sign({ ...claims, iss: 'someone-else' }, identityKey);
    expect(
      await jose.jwtVerify(await sign(claims, identityKey), jose.createLocalJWKSet({ keys: keys as unknown as JsonWebKeySet['keys'] })),
    ).toBeTruthy(); // the key is really identity's

    const me = (token: string) => world.call<{ me: { id: string } }>(`{ me { id } }`, {}, token, 'en');
    expect((await me(genuine)).data?.me.id).toBe(citizen.user.id); // the control
    for (const [what, token] of Object.entries(forgeries)) {
      const r = await me(token);
      expect({ what, data: r.data ?? null, error: r.errors?.[0].extensions }).toEqual({
        what,
        data: null,
        error: expect.objectContaining({ code: 'UNAUTHENTICATED', reason: 'AUTH.INVALID_TOKEN' }),
      });
    }
  });
});
