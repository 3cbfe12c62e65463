import { createPool } from '@serang/db';
import { createTestDatabase, gql, startServiceProcess, type RunningProcess, type TestDatabase, testPort } from '@serang/testing';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

const ENTRY = 'services/identity/src/main.ts';
const PORT = testPort(4915);
const citizen = {
  nik: '3604014508900001',
  name: 'Siti Rahmawati',
  email: 'siti.rahma@example.id',
  phone: '0812-3456-7890',
  password: 'rahasia12345',
};
const REGISTER = `mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { user { id } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { user { id } } }`;

type Answer = Awaited<ReturnType<typeof gql<{ login: { user: { id: string } } }>>>;

/**
 * The stored clock is moved instead of waiting: the test shifts the counters' timestamps back, as
 * if the minutes had passed.
 */
describe('login throttling per account and per client address (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let svc: RunningProcess;
  let address = 0;
  const freshAddress = () => `198.51.100.${++address}`;

  beforeAll(async () => {
    db = await createTestDatabase('identity_throttle');
    pool = createPool({ connectionString: db.url, max: 2, name: 'test' });
    svc = await startServiceProcess(
      ENTRY,
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: `http://127.0.0.1:${PORT}/.well-known/jwks.json`,
        VAULT_MASTER_KEYS: `t1:${randomBytes(32).toString('base64')}`,
        BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      },
      PORT,
    );
    expect((await gql(svc.url, REGISTER, { input: citizen })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await svc?.stop();
    await pool?.end();
    await db?.drop();
  });

  const login = (login: string, password: string, from: string, lang?: string): Promise<Answer> =>
    gql(svc.url, LOGIN, { input: { login, password } }, { 'x-forwarded-for': `${from}, 10.0.0.1`, ...(lang ? { 'accept-language': lang } : {}) });
  const verifications = async () => {
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    const of = (account: string) =>
      Number(new RegExp(`serang_identity_password_verifications_total\\{account="${account}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    return { known: of('known'), unknown: of('unknown') };
  };
  /** As if `minutes` had passed for every stored counter. */
  const travel = (minutes: number) =>
    pool.query(
      `update identity.login_throttles set last_failure_at = last_failure_at - make_interval(mins => $1), locked_until = locked_until - make_interval(mins => $1)`,
      [minutes],
    );
  const fail5 = async (account: string, from: () => string) => {
    for (let i = 0; i < 5; i++)
      expect((await login(account, 'salah-sekali-1', from())).errors?.[0].extensions).toMatchObject({ reason: 'IDENTITY.INVALID_CREDENTIALS' });
  };
  const withoutWait = (a: Answer) => a.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, retryAfterSeconds: 'n' } }));

  it('locks an account after five failures, known and unknown alike, without running the hash while locked', async () => {
    await fail5(citizen.email, freshAddress);
    await fail5('nobody@example.id', freshAddress);
    const before = await verifications();

    const known = await login(citizen.email, citizen.password, freshAddress()); // even the right password waits
    const unknown = await login('nobody@example.id', citizen.password, freshAddress());
    expect(known.errors?.[0]).toMatchObject({
      message: 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1 menit.',
      extensions: { code: 'TOO_MANY_REQUESTS', reason: 'IDENTITY.LOGIN_THROTTLED', retryAfterSeconds: expect.any(Number) },
    });
    expect(known.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(55);
    expect(known.errors?.[0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(withoutWait(unknown)).toEqual(withoutWait(known));
    const en = await login('NOBODY@example.id ', 'x', freshAddress(), 'en');
    expect(en.errors?.[0].message).toBe('Too many failed sign-in attempts. Try again in 1 min.');
    expect(await verifications()).toEqual(before);
  });

  it('ran one argon2 verification for each failure, for the unknown account as for the known one', async () => {
    // The five failures each of the test above: counted as 5 known and 5 unknown (dummy-hash) verifications.
    const { known, unknown } = await verifications();
    expect(known).toBe(5);
    expect(unknown).toBe(5);
  });

  it('lifts the lock when its minute has passed; a success resets the count, a further failure doubles the lock', async () => {
    await travel(1);
    const ok = await login(citizen.email, citizen.password, freshAddress());
    expect(ok.errors).toBeUndefined();
    // Reset: four more failures pass as ordinary wrong passwords.
    for (let i = 0; i < 4; i++)
      expect((await login(citizen.email, 'salah-sekali-1', freshAddress())).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // The unknown account was not reset: its sixth failure locks it for two minutes.
    await travel(1);
    expect((await login('nobody@example.id', 'salah-sekali-1', freshAddress())).errors?.[0].extensions?.reason).toBe('IDENTITY.INVALID_CREDENTIALS');
    const doubled = await login('nobody@example.id', 'salah-sekali-1', freshAddress());
    expect(doubled.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(doubled.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(115);
    expect(doubled.errors?.[0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('locks a client address after five failures on any accounts, separately from the accounts', async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++)
      expect((await login(`guess${i}@example.id`, 'salah-sekali-1', attacker)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const blocked = await login(citizen.email, citizen.password, attacker);
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'IDENTITY.LOGIN_THROTTLED' });
    // The same account from another address signs in: the lock is the address's, not the account's.
    expect((await login(citizen.email, citizen.password, freshAddress())).errors).toBeUndefined();
    // No address is stored in plain text.
    const dump = JSON.stringify((await pool.query('select * from identity.login_throttles')).rows);
    expect(dump).not.toContain('203.0.113.7');
  });
});
