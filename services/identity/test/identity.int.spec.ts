import { createPool } from '@serang/db';
import { createTestDatabase, gql, runToExit, startServiceProcess, type RunningProcess, type TestDatabase, testPort } from '@serang/testing';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Pool } from 'pg';

const ENTRY = 'services/identity/src/main.ts';
const PORT = testPort(4911);
const TWIN_PORT = testPort(4912);
const ADMIN = { email: 'Admin@Serang.Test', password: 'Admin-password-2026' };
const citizen = {
  nik: '3604014508900001',
  name: 'Siti Rahmawati',
  email: 'Siti.Rahma@Example.ID',
  phone: '0812-3456-7890',
  password: 'rahasia12345',
};

const REGISTER = `mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id roles } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id roles } } }`;
const ME = `{ me { id roles name email phone agencyId } }`;

type Auth = { accessToken: string; refreshToken: string; user: { id: string; roles: string[] } };

describe('identity service (its own process, real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let svc: RunningProcess;
  let secrets: Record<string, string>;
  const env = (port: number) => ({
    DATABASE_URL: db.url,
    IDENTITY_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    LOG_LEVEL: 'info',
    ...secrets,
  });

  beforeAll(async () => {
    db = await createTestDatabase('identity');
    pool = createPool({ connectionString: db.url, max: 2, name: 'test' });
    secrets = {
      VAULT_MASTER_KEYS: `t1:${randomBytes(32).toString('base64')}`,
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      PLATFORM_ADMIN_EMAIL: ADMIN.email,
      PLATFORM_ADMIN_PASSWORD: ADMIN.password,
    };
  });
  afterAll(async () => {
    await svc?.stop();
    await pool?.end();
    await db?.drop();
  });

  const register = (input: Partial<typeof citizen>, lang?: string) =>
    gql<{ registerCitizen: Auth }>(svc.url, REGISTER, { input: { ...citizen, ...input } }, lang ? { 'accept-language': lang } : {});
  const login = (input: { login: string; password: string }, lang?: string) =>
    gql<{ login: Auth }>(svc.url, LOGIN, { input }, lang ? { 'accept-language': lang } : {});
  const count = async (sql: string, params: unknown[] = []) => Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);
  let registered: Auth;

  it('two processes starting at once make one signing key and one platform admin', async () => {
    const [a, b] = await Promise.all([startServiceProcess(ENTRY, env(PORT), PORT), startServiceProcess(ENTRY, env(TWIN_PORT), TWIN_PORT)]);
    svc = a;
    const [jwksA, jwksB] = await Promise.all(
      [a, b].map(async (p) => (await (await fetch(`${p.url}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, string>> }),
    );
    await b.stop();
    expect(jwksA.keys).toHaveLength(1);
    expect(jwksB).toEqual(jwksA);
    expect(jwksA.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(jwksA.keys[0].d).toBeUndefined(); // never the private half
    expect(await count('select count(*) as n from identity.signing_keys')).toBe(1);
    expect(await count(`select count(*) as n from eventstore.events where type = 'StaffAccountCreated'`)).toBe(1);
  });

  it('registers a citizen and signs them in with e-mail or NIK; the token verifies against the JWKS', async () => {
    const res = await register({});
    expect(res.errors).toBeUndefined();
    registered = res.data!.registerCitizen;
    expect(registered.user).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), roles: ['CITIZEN'] });
    expect(registered.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

    const byEmail = await login({ login: '  SITI.rahma@example.id ', password: citizen.password });
    const byNik = await login({ login: '3604 0145 0890 0001', password: citizen.password });
    expect(byEmail.data?.login.user).toEqual(registered.user);
    expect(byNik.data?.login.user).toEqual(registered.user);

    const jose = await import('jose');
    const jwks = jose.createRemoteJWKSet(new URL(`${svc.url}/.well-known/jwks.json`));
    const { keys } = (await (await fetch(`${svc.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    for (const token of [registered.accessToken, byEmail.data!.login.accessToken]) {
      const { payload, protectedHeader } = await jose.jwtVerify(token, jwks, {
        issuer: 'serang-tatu',
        audience: 'serang-tatu',
        algorithms: ['ES256'],
      });
      expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: keys[0].kid });
      expect(payload).toMatchObject({ sub: registered.user.id, roles: ['CITIZEN'], tenant: '3604', sid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(payload.agency).toBeUndefined();
      expect(payload.exp! - payload.iat!).toBe(900);
    }
    // Each sign-in is its own session, stored by the hash of its refresh token only.
    const sid = jose.decodeJwt(byNik.data!.login.accessToken).sid;
    const { rows } = await pool.query(
      'select person_id, refresh_token_hash, family_id, expires_at, revoked_at from identity.sessions where id = $1',
      [sid],
    );
    expect(rows[0]).toMatchObject({
      person_id: registered.user.id,
      revoked_at: null,
      refresh_token_hash: createHash('sha256').update(byNik.data!.login.refreshToken).digest(),
    });
    expect(await count('select count(*) as n from identity.sessions where person_id = $1', [registered.user.id])).toBe(3);
  });

  it('answers `me` with the caller own data, decrypted for them alone', async () => {
    const me = await gql<{ me: Record<string, unknown> }>(svc.url, ME, {}, { authorization: `Bearer ${registered.accessToken}` });
    expect(me.data?.me).toEqual({
      id: registered.user.id,
      roles: ['CITIZEN'],
      name: 'Siti Rahmawati',
      email: 'siti.rahma@example.id',
      phone: '+6281234567890',
      agencyId: null,
    });
    const anonymous = await gql(svc.url, ME);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = await gql(svc.url, ME, {}, { authorization: `Bearer ${registered.accessToken.slice(0, -4)}AAAA` });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.INVALID_TOKEN' });
  });

  it('gives other subgraphs a user id and roles only, never personal data', async () => {
    const res = await gql<{ _entities: Array<Record<string, unknown>> }>(
      svc.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id roles name email phone } } }',
      { r: [{ __typename: 'User', id: registered.user.id }] },
    );
    expect(res.data?._entities).toEqual([{ id: registered.user.id, roles: ['CITIZEN'], name: null, email: null, phone: null }]);
  });

  it('refuses a second account for the same NIK or e-mail, with the same message either way', async () => {
    const events = await count('select count(*) as n from eventstore.events');
    const sameNik = await register({ email: 'someone.else@example.id' });
    const sameEmail = await register({ nik: '3604010105800002', email: ' SITI.RAHMA@example.id' });
    for (const res of [sameNik, sameEmail]) {
      expect(res.data).toBeNull();
      expect(res.errors?.[0]).toMatchObject({
        message: 'NIK atau alamat e-mail ini sudah terdaftar. Silakan masuk dengan akun tersebut.',
        extensions: { code: 'CONFLICT', reason: 'IDENTITY.ALREADY_REGISTERED' },
      });
    }
    expect(sameNik.errors).toEqual(sameEmail.errors);
    expect(await count('select count(*) as n from eventstore.events')).toBe(events);
    // The losing attempts left no claim and no password behind: only the citizen's and the admin's.
    expect(await count('select count(distinct person_id) as n from identity.blind_indexes')).toBe(2);
    expect(await count('select count(*) as n from identity.credentials')).toBe(2);
  });

  it('names each bad field, in Indonesian by default and in English on request, and changes nothing', async () => {
    const events = await count('select count(*) as n from eventstore.events');
    const bad = { nik: '3604013208900001', email: 'siti@', password: 'pendek12' };
    const id = await register(bad);
    expect(id.errors?.[0]).toMatchObject({
      message: 'Ada isian yang belum benar; periksa kolom yang ditandai.',
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'IDENTITY.INVALID_INPUT',
        fields: {
          nik: 'NIK tidak valid: kode wilayah atau tanggal lahir di dalamnya tidak sesuai.',
          email: 'Alamat e-mail tidak valid.',
          password: 'Kata sandi minimal 10 karakter dan harus berisi huruf dan angka.',
        },
      },
    });
    const en = await register(bad, 'en-US,en;q=0.9');
    expect(en.errors?.[0]).toMatchObject({
      message: 'Some of what you entered is not valid; check the marked fields.',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: {
          nik: 'The NIK is not valid: its region code or birth date does not add up.',
          email: 'The e-mail address is not valid.',
          password: 'The password must be at least 10 characters long and contain both letters and digits.',
        },
      },
    });
    const short = await register({ nik: '36040145089', phone: '+1 202 555 0100', email: 'x@example.id' }, 'en');
    expect(short.errors?.[0].extensions?.fields).toEqual({
      nik: 'The NIK must be exactly 16 digits.',
      phone: 'The phone number is not valid; use an Indonesian number such as 0812 3456 7890.',
    });
    expect(await count('select count(*) as n from eventstore.events')).toBe(events);
  });

  it('answers a wrong password and an unknown account identically, and verifies a hash for both', async () => {
    const verifications = async (account: string) => {
      const metrics = await (await fetch(`${svc.url}/metrics`)).text();
      return Number(new RegExp(`serang_identity_password_verifications_total\\{account="${account}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    };
    const [known, unknown] = [await verifications('known'), await verifications('unknown')];
    const wrong = await login({ login: citizen.email, password: 'rahasia12346' });
    const nobody = await login({ login: 'nobody@example.id', password: 'rahasia12345' });
    const nobodyNik = await login({ login: '3604010105800009', password: 'rahasia12345' });
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'E-mail/NIK atau kata sandi salah.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'IDENTITY.INVALID_CREDENTIALS' },
    });
    expect(nobody).toEqual(wrong);
    expect(nobodyNik).toEqual(wrong);
    expect(await verifications('known')).toBe(known + 1);
    expect(await verifications('unknown')).toBe(unknown + 2);
    const en = await login({ login: 'nobody@example.id', password: 'x' }, 'en');
    expect(en.errors?.[0].message).toBe('The e-mail/NIK or password is incorrect.');
  });

  it('seeds the platform admin once: it signs in, and a restart on the same database seeds nothing again', async () => {
    const before = await login({ login: 'admin@serang.test', password: ADMIN.password });
    expect(before.data?.login.user.roles).toEqual(['PLATFORM_ADMIN']);
    const token = before.data!.login.accessToken;

    await svc.stop();
    svc = await startServiceProcess(ENTRY, env(PORT), PORT);
    expect(await count(`select count(*) as n from eventstore.events where type = 'StaffAccountCreated'`)).toBe(1);
    expect(await count('select count(*) as n from identity.signing_keys')).toBe(1);
    expect(svc.output()).toContain('platform admin already present');

    // A token from before the restart still verifies: the key survived, sealed in the database.
    const me = await gql<{ me: Record<string, unknown> }>(svc.url, ME, {}, { authorization: `Bearer ${token}` });
    expect(me.data?.me).toMatchObject({
      id: before.data!.login.user.id,
      roles: ['PLATFORM_ADMIN'],
      email: 'admin@serang.test',
      name: null,
      agencyId: null,
    });
    const after = await login({ login: ADMIN.email, password: ADMIN.password });
    expect(after.data?.login.user).toEqual(before.data!.login.user);
  });

  it('keeps no plaintext NIK, e-mail, phone or name in the event store, identity tables or logs', async () => {
    for (let i = 0; i < 100 && (await count('select count(*) as n from identity.persons')) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await count('select count(*) as n from identity.persons')).toBe(2); // the projection ran: its table is scanned too
    const { rows: tables } = await pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'identity'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['persons', 'blind_indexes', 'credentials', 'sessions', 'signing_keys', 'person_keys']),
    );
    let dump = JSON.stringify((await pool.query('select * from eventstore.events')).rows);
    for (const t of tables) dump += JSON.stringify((await pool.query(`select * from identity."${t.table_name}"`)).rows);
    const secretsTyped = [
      '3604014508900001',
      '360401450890',
      'Siti Rahmawati',
      'Rahmawati',
      'siti.rahma@example.id',
      'Siti.Rahma@Example.ID',
      '81234567890',
      '0812-3456-7890',
      'admin@serang.test',
    ];
    for (const s of [...secretsTyped, citizen.password, ADMIN.password]) {
      expect(dump.toLowerCase()).not.toContain(s.toLowerCase());
      expect(svc.output().toLowerCase()).not.toContain(s.toLowerCase());
    }
    // What is there instead: vault ciphertexts.
    const { rows } = await pool.query(`select data from eventstore.events where type = 'CitizenRegistered'`);
    expect(rows[0].data).toMatchObject({ nikCiphertext: expect.stringMatching(/^vault:v1:/), emailCiphertext: expect.stringMatching(/^vault:v1:/) });
  });

  it('releases the claims of a registration whose first event could not be written: the NIK stays free', async () => {
    const other = { nik: '3604010105800003', email: 'budi@example.id', name: 'Budi Santoso' };
    const claims = await count('select count(*) as n from identity.blind_indexes');
    // The event store refuses the append (as a lost database connection would).
    await pool.query(`create function public.refuse_append() returns trigger language plpgsql as $$ begin raise exception 'append refused by the test'; end $$;
      create trigger refuse_append before insert on eventstore.events for each row when (new.type = 'CitizenRegistered') execute function public.refuse_append()`);
    try {
      const failed = await register(other);
      expect(failed.errors?.[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    } finally {
      await pool.query('drop trigger refuse_append on eventstore.events; drop function public.refuse_append()');
    }
    expect(await count('select count(*) as n from identity.blind_indexes')).toBe(claims);
    expect((await register(other)).data?.registerCitizen.user.roles).toEqual(['CITIZEN']);
  });

  it('takes over claims a crashed registration left behind, but never one that may still be in flight', async () => {
    const digest = (nik: string) => createHmac('sha256', Buffer.from(secrets.BLIND_INDEX_KEY, 'base64')).update(`nik\u0000${nik}`).digest();
    const claim = (nik: string, age: string) =>
      pool.query(`insert into identity.blind_indexes (kind, digest, person_id, claimed_at) values ('nik', $1, $2, now() - $3::interval)`, [
        digest(nik),
        `ghost-${nik}`,
        age,
      ]);
    await claim('3604010105800004', '1 hour'); // its process died before appending, long ago
    await claim('3604010105800005', '5 seconds'); // its process may still be appending
    const abandoned = await register({ nik: '3604010105800004', email: 'dewi@example.id' });
    expect(abandoned.data?.registerCitizen.user.roles).toEqual(['CITIZEN']);
    const inFlight = await register({ nik: '3604010105800005', email: 'eko@example.id' });
    expect(inFlight.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDENTITY.ALREADY_REGISTERED' });
  });

  it('refuses bad configuration with exit code 78, naming the variable', async () => {
    const bad = await runToExit(ENTRY, { ...env(testPort(4913)), PORT: String(testPort(4913)), VAULT_MASTER_KEYS: 'k1:dG9vLXNob3J0' });
    expect(bad.code).toBe(78);
    expect(bad.output).toContain('VAULT_MASTER_KEYS: key "k1" is 9 bytes, expected 32');
    const missing = await runToExit(ENTRY, {
      ...env(testPort(4913)),
      PORT: String(testPort(4913)),
      VAULT_MASTER_KEYS: '',
      BLIND_INDEX_KEY: 'c2hvcnQ=',
      PLATFORM_ADMIN_PASSWORD: '',
    });
    expect(missing.code).toBe(78);
    expect(missing.output).toContain('VAULT_MASTER_KEYS: not set');
    expect(missing.output).toContain('BLIND_INDEX_KEY: must be base64 of 32 random bytes');
    expect(missing.output).toContain('PLATFORM_ADMIN_PASSWORD: required when PLATFORM_ADMIN_EMAIL is set');
  });
});
