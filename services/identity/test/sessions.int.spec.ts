import { createPool } from '@serang/db';
import { createTestDatabase, gql, startServiceProcess, type RunningProcess, type TestDatabase, testPort } from '@serang/testing';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

const ENTRY = 'services/identity/src/main.ts';
const PORT = testPort(4914);
const citizen = {
  nik: '3604014508900001',
  name: 'Siti Rahmawati',
  email: 'siti.rahma@example.id',
  phone: '0812-3456-7890',
  password: 'rahasia12345',
};

const AUTH = 'accessToken refreshToken user { id roles }';
const REGISTER = `mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { ${AUTH} } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { ${AUTH} } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH} } }`;
const LOGOUT = `mutation { logout }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { ${AUTH} } }`;
const ME = `{ me { id } }`;

type Auth = { accessToken: string; refreshToken: string; user: { id: string; roles: string[] } };

describe('sessions: refresh rotation, reuse detection, logout and password change (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let svc: RunningProcess;
  let personId: string;

  beforeAll(async () => {
    db = await createTestDatabase('identity_sessions');
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
    const res = await gql<{ registerCitizen: Auth }>(svc.url, REGISTER, { input: citizen });
    expect(res.errors).toBeUndefined();
    personId = res.data!.registerCitizen.user.id;
  });
  afterAll(async () => {
    await svc?.stop();
    await pool?.end();
    await db?.drop();
  });

  const bearer = (a: Auth) => ({ authorization: `Bearer ${a.accessToken}` });
  const signIn = async (password = citizen.password) => {
    const res = await gql<{ login: Auth }>(svc.url, LOGIN, { input: { login: citizen.email, password } });
    expect(res.errors).toBeUndefined();
    return res.data!.login;
  };
  const refresh = (token: string, lang?: string) =>
    gql<{ refreshSession: Auth }>(svc.url, REFRESH, { t: token }, lang ? { 'accept-language': lang } : {});
  const me = (a: Auth) => gql<{ me: { id: string } }>(svc.url, ME, {}, bearer(a));
  const sid = (a: Auth) => JSON.parse(Buffer.from(a.accessToken.split('.')[1], 'base64url').toString()).sid as string;
  const revocations = async () =>
    (
      await pool.query<{ stream_id: string; data: { sessionId: string; personId: string; reason: string; revokedAt: string } }>(
        `select stream_id, data from eventstore.events where type = 'SessionRevoked' order by position`,
      )
    ).rows;

  it('rotates the refresh token on every use, within one family', async () => {
    const first = await signIn();
    const second = (await refresh(first.refreshToken)).data!.refreshSession;
    const third = (await refresh(second.refreshToken)).data!.refreshSession;
    expect(new Set([first.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3);
    expect(third.user).toEqual({ id: personId, roles: ['CITIZEN'] });
    expect((await me(third)).data?.me.id).toBe(personId);
    const { rows } = await pool.query<{ family_id: string; used: boolean }>(
      'select family_id, used_at is not null as used from identity.sessions where id = any($1::uuid[]) order by created_at',
      [[sid(first), sid(second), sid(third)]],
    );
    expect(new Set(rows.map((r) => r.family_id)).size).toBe(1);
    expect(rows.map((r) => r.used)).toEqual([true, true, false]);
  });

  it('answers an unknown or expired refresh token UNAUTHENTICATED', async () => {
    const unknown = await refresh(randomBytes(32).toString('base64url'), 'en');
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'The session is unknown or has expired; please sign in again.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'IDENTITY.REFRESH_TOKEN_INVALID' },
    });
    const a = await signIn();
    await pool.query(`update identity.sessions set expires_at = now() - interval '1 second' where id = $1`, [sid(a)]);
    expect((await refresh(a.refreshToken)).errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'IDENTITY.REFRESH_TOKEN_INVALID',
    });
  });

  it('revokes the whole family when an old refresh token comes back, and announces it', async () => {
    const before = (await revocations()).length;
    const other = await signIn(); // another device's sign-in: a family of its own, left alone
    const first = await signIn();
    const second = (await refresh(first.refreshToken)).data!.refreshSession;
    const third = (await refresh(second.refreshToken)).data!.refreshSession;

    const reuse = await refresh(first.refreshToken);
    expect(reuse.errors?.[0]).toMatchObject({
      message: 'Token penyegaran ini sudah pernah dipakai; demi keamanan semua sesi dari login ini diakhiri. Silakan masuk lagi.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'IDENTITY.REFRESH_TOKEN_REUSED' },
    });
    // The newest refresh token of the family is dead too, and so are its access tokens.
    expect((await refresh(third.refreshToken)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.SESSION_REVOKED' });
    for (const a of [third, second])
      expect((await me(a)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.SESSION_REVOKED' });
    expect((await me(other)).data?.me.id).toBe(personId);

    const events = (await revocations()).slice(before);
    expect(events.map((e) => e.data.sessionId).sort()).toEqual([sid(first), sid(second), sid(third)].sort());
    for (const e of events) {
      expect(e.stream_id).toBe(`person-${personId}`);
      expect(e.data).toMatchObject({ personId, reason: 'REFRESH_TOKEN_REUSED', revokedAt: expect.any(String) });
    }
  });

  it('logout ends the session and its family: me and refresh answer UNAUTHENTICATED', async () => {
    const a = await signIn();
    const refreshed = (await refresh(a.refreshToken)).data!.refreshSession;
    const res = await gql<{ logout: boolean }>(svc.url, LOGOUT, {}, bearer(refreshed));
    expect(res.data?.logout).toBe(true);

    const after = await gql(svc.url, ME, {}, { ...bearer(refreshed), 'accept-language': 'en' });
    expect(after.errors?.[0]).toMatchObject({
      message: 'This session has been ended; please sign in again.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'AUTH.SESSION_REVOKED' },
    });
    expect((await me(a)).errors?.[0].extensions).toMatchObject({ reason: 'AUTH.SESSION_REVOKED' }); // the older access token of the family
    expect((await refresh(refreshed.refreshToken)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await gql(svc.url, LOGOUT, {}, bearer(refreshed))).errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'AUTH.SESSION_REVOKED',
    });
    expect((await gql(svc.url, LOGOUT)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });

    const events = (await revocations()).filter((e) => e.data.reason === 'LOGOUT');
    expect(events.map((e) => e.data.sessionId).sort()).toEqual([sid(a), sid(refreshed)].sort());
  });

  it('changePassword checks the current password and the policy, changing nothing when refused', async () => {
    const a = await signIn();
    const wrong = await gql(svc.url, CHANGE, { input: { currentPassword: 'salah-sekali-1', newPassword: 'pendek' } }, bearer(a));
    expect(wrong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { currentPassword: 'Kata sandi saat ini salah.', newPassword: 'Kata sandi minimal 10 karakter dan harus berisi huruf dan angka.' },
    });
    expect((await me(a)).data?.me.id).toBe(personId);
    expect((await gql(svc.url, CHANGE, { input: { currentPassword: citizen.password, newPassword: 'x1' } })).errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('changePassword revokes every session of the person, answers a fresh one, and the old password stops working', async () => {
    const phone = await signIn();
    const laptop = await signIn();
    const res = await gql<{ changePassword: Auth }>(
      svc.url,
      CHANGE,
      { input: { currentPassword: citizen.password, newPassword: 'kata-sandi-baru-2026' } },
      bearer(laptop),
    );
    expect(res.errors).toBeUndefined();
    const fresh = res.data!.changePassword;

    for (const a of [phone, laptop]) {
      expect((await me(a)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.SESSION_REVOKED' });
      expect((await refresh(a.refreshToken)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect((await me(fresh)).data?.me.id).toBe(personId);
    expect((await refresh(fresh.refreshToken)).data?.refreshSession.user.id).toBe(personId);

    const old = await gql(svc.url, LOGIN, { input: { login: citizen.email, password: citizen.password } });
    expect(old.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'IDENTITY.INVALID_CREDENTIALS' });
    expect((await signIn('kata-sandi-baru-2026')).user.id).toBe(personId);

    // Alive: the fresh session's family (refreshed once) and the sign-in with the new password.
    expect(
      await pool.query(`select count(distinct family_id)::int as n from identity.sessions where person_id = $1 and revoked_at is null`, [personId]),
    ).toMatchObject({ rows: [{ n: 2 }] });
    const announced = (await revocations()).filter((e) => e.data.reason === 'PASSWORD_CHANGED').map((e) => e.data.sessionId);
    expect(announced).toEqual(expect.arrayContaining([sid(phone), sid(laptop)]));
  });
});
