import { testPort } from '@serang/testing';
import { randomBytes } from 'node:crypto';
import { freshNik, IdentityWorld } from './fixtures/identity-world';

/**
 * Issue #10, item 1: argon2id runs with bounded concurrency. A flood of registrations is served
 * a few at a time, a few wait, the rest are told TOO_MANY_REQUESTS with a retry hint at once —
 * and every other request of identity goes on being answered meanwhile.
 */
describe('a flood of registrations (identity process, hashing limited to one at a time and two waiting)', () => {
  const world = new IdentityWorld(testPort(4986));

  beforeAll(() => world.start({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '2', PASSWORD_HASH_MAX_WAIT_MS: '20000' }));
  afterAll(() => world.stop());

  it('registers some, refuses the rest with AUTH.BUSY and a retry hint, creates nothing for them, and keeps answering other requests', async () => {
    const register = () =>
      world.call(`mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { user { id } } }`, {
        input: {
          nik: freshNik(),
          name: 'Warga Banjir',
          email: `banjir.${randomBytes(4).toString('hex')}@example.id`,
          phone: '0812-3456-7890',
          password: 'Warga-sandi-2026',
        },
      });
    const flood = Array.from({ length: 12 }, () => register());
    // While the flood is being hashed, a request that needs no hashing is answered.
    const jwks = await fetch(`${world.svc.url}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const answers = await Promise.all(flood);
    const outcomes = answers.map((a) => (a.errors ? `${a.errors[0].extensions?.code}/${a.errors[0].extensions?.reason}` : 'OK'));
    const ok = outcomes.filter((o) => o === 'OK').length;
    const busy = outcomes.filter((o) => o === 'TOO_MANY_REQUESTS/AUTH.BUSY').length;
    // One hashing, two waiting: three registered at least, the rest refused at once; nothing else.
    expect({ ok: ok >= 3, busy: busy > 0, other: outcomes.length - ok - busy }).toEqual({ ok: true, busy: true, other: 0 });
    const refused = answers.find((a) => a.errors)!;
    expect(refused.errors![0].extensions).toMatchObject({ retryAfter: 20 });
    const accounts = Number((await world.pool.query(`select count(*) as n from eventstore.events where type = 'CitizenRegistered'`)).rows[0].n);
    expect(accounts).toBe(ok);
    // And once the flood has passed, registration works again.
    expect((await register()).errors).toBeUndefined();
  });
});
