import { runToExit, testPort } from '@serang/testing';
import { createHash } from 'node:crypto';
import { IdentityWorld, type Auth } from './fixtures/identity-world';

const ENTRY = 'services/identity/src/main.ts';
const PORT = testPort(4916);

const REGISTER_CLIENT = `mutation($input: RegisterOidcClientInput!) {
  registerOidcClient(input: $input) { clientId clientSecret client { id agencyId name redirectUris scopes tokenEndpointAuthMethod registeredAt disabledAt } } }`;
const CLIENTS = `query($agencyId: ID) { oidcClients(agencyId: $agencyId) { id agencyId name redirectUris scopes tokenEndpointAuthMethod disabledAt } }`;
const DISABLE = `mutation($id: ID!) { disableOidcClient(id: $id) { id disabledAt } }`;
const app = {
  agencyId: 'bapenda',
  name: 'e-PBB Online',
  redirectUris: ['https://epbb.serangkab.go.id/callback', 'https://epbb.serangkab.go.id/callback2'],
};

type Registered = { clientId: string; clientSecret: string; client: Record<string, unknown> };

describe('single sign-on clients: registered by a platform admin (its own process, real PostgreSQL)', () => {
  const world = new IdentityWorld(PORT);
  const callers = {} as Record<'citizen' | 'officer' | 'agencyAdmin' | 'agencySystem', string>;
  const as = (who: keyof typeof callers | 'admin'): Auth | string => (who === 'admin' ? world.admin : callers[who]);
  const count = async (sql: string, params: unknown[] = []) => Number((await world.pool.query<{ n: string }>(sql, params)).rows[0].n);

  beforeAll(async () => {
    await world.start();
    callers.citizen = (await world.citizen('Siti Rahmawati')).accessToken;
    callers.officer = (await world.staffMember(world.admin, ['OFFICER'], 'bapenda', 'Petugas Bapenda')).accessToken;
    callers.agencyAdmin = (await world.staffMember(world.admin, ['AGENCY_ADMIN'], 'bapenda', 'Admin Bapenda')).accessToken;
    const system = await world.call<{ registerAgencySystem: { clientId: string; clientSecret: string } }>(
      `mutation { registerAgencySystem(input: { agencyId: "bapenda", name: "SIMPBB" }) { clientId clientSecret } }`,
      {},
      world.admin,
    );
    const token = await world.call<{ agencySystemToken: { accessToken: string } }>(
      `mutation($i: AgencySystemTokenInput!) { agencySystemToken(input: $i) { accessToken } }`,
      {
        i: system.data!.registerAgencySystem,
      },
    );
    callers.agencySystem = token.data!.agencySystemToken.accessToken;
  });
  afterAll(() => world.stop());

  it('lets only a platform admin register, list or disable clients (not citizens, officers, agency admins or agency systems)', async () => {
    for (const who of ['citizen', 'officer', 'agencyAdmin', 'agencySystem'] as const) {
      const register = await world.call(REGISTER_CLIENT, { input: app }, as(who));
      expect(register.errors?.[0]).toMatchObject({ message: 'Anda tidak berhak melakukan ini.', extensions: { code: 'FORBIDDEN' } });
      expect((await world.call(CLIENTS, {}, as(who))).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect((await world.call(DISABLE, { id: '0190a000-0000-7000-8000-000000000001' }, as(who))).errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect((await world.call(REGISTER_CLIENT, { input: app })).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await count(`select count(*) as n from eventstore.events where stream_id like 'oidcclient-%'`)).toBe(0);
    expect(await count('select count(*) as n from identity.oidc_client_secrets')).toBe(0);
  });

  let registered: Registered;

  it('registers a client for an agency and shows its secret once; only its sha256 is stored, nowhere in an event', async () => {
    const res = await world.call<{ registerOidcClient: Registered }>(REGISTER_CLIENT, { input: app }, as('admin'));
    expect(res.errors).toBeUndefined();
    registered = res.data!.registerOidcClient;
    expect(registered.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(registered.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect(registered.client).toEqual({
      id: registered.clientId,
      agencyId: 'bapenda',
      name: 'e-PBB Online',
      redirectUris: app.redirectUris,
      scopes: ['openid', 'profile', 'email', 'phone'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
      registeredAt: expect.any(String),
      disabledAt: null,
    });

    const { rows } = await world.pool.query('select secret_sha256 from identity.oidc_client_secrets where client_id = $1', [registered.clientId]);
    expect(rows[0].secret_sha256).toEqual(createHash('sha256').update(registered.clientSecret).digest());
    let dump = JSON.stringify((await world.pool.query('select * from eventstore.events')).rows);
    const { rows: tables } = await world.pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'identity'`,
    );
    for (const t of tables) dump += JSON.stringify((await world.pool.query(`select * from identity."${t.table_name}"`)).rows);
    expect(dump).not.toContain(registered.clientSecret);
    expect(world.svc.output()).not.toContain(registered.clientSecret);
    const event = (
      await world.pool.query(`select type, data, metadata from eventstore.events where stream_id = $1`, [`oidcclient-${registered.clientId}`])
    ).rows;
    expect(event).toEqual([
      {
        type: 'OidcClientRegistered',
        data: {
          clientId: registered.clientId,
          agencyId: 'bapenda',
          name: 'e-PBB Online',
          redirectUris: app.redirectUris,
          scopes: ['openid', 'profile', 'email', 'phone'],
          tokenEndpointAuthMethod: 'client_secret_basic',
          registeredAt: registered.client.registeredAt,
        },
        metadata: expect.objectContaining({ actor: expect.objectContaining({ role: 'PLATFORM_ADMIN' }) }),
      },
    ]);
    // The list never offers the secret again: the type has no such field.
    const asked = await world.call(`{ oidcClients { id clientSecret } }`, {}, as('admin'));
    expect(asked.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('lists the clients from the read model, per agency', async () => {
    const other = await world.call<{ registerOidcClient: Registered }>(
      REGISTER_CLIENT,
      {
        input: {
          agencyId: 'Dinsos',
          name: 'Bansos',
          redirectUris: ['http://127.0.0.1:8080/cb'],
          scopes: ['openid', 'email'],
          tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
        },
      },
      as('admin'),
    );
    expect(other.data?.registerOidcClient.client).toMatchObject({
      agencyId: 'dinsos',
      scopes: ['openid', 'email'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    });
    let all: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 100 && all.length < 2; i++) {
      all = (await world.call<{ oidcClients: Array<Record<string, unknown>> }>(CLIENTS, {}, as('admin'))).data!.oidcClients;
      if (all.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(all.map((c) => c.agencyId)).toEqual(['bapenda', 'dinsos']);
    const dinsos = await world.call<{ oidcClients: Array<Record<string, unknown>> }>(CLIENTS, { agencyId: 'dinsos' }, as('admin'));
    expect(dinsos.data?.oidcClients).toEqual([
      expect.objectContaining({ id: other.data!.registerOidcClient.clientId, name: 'Bansos', redirectUris: ['http://127.0.0.1:8080/cb'] }),
    ]);
  });

  it('names each bad field, in Indonesian and in English, and registers nothing', async () => {
    const before = await count('select count(*) as n from eventstore.events');
    const bad = {
      agencyId: 'Dinas Sosial!',
      name: ' ',
      redirectUris: ['http://adminduk.serangkab.go.id/cb', 'https://x.example/cb#frag'],
      scopes: ['profile'],
    };
    const id = await world.call(REGISTER_CLIENT, { input: bad }, as('admin'));
    expect(id.errors?.[0]).toMatchObject({
      message: 'Ada isian yang belum benar; periksa kolom yang ditandai.',
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'IDENTITY.INVALID_INPUT',
        fields: {
          agencyId: 'Kode instansi tidak valid (huruf kecil, angka dan tanda hubung).',
          name: 'Nama aplikasi wajib diisi, paling banyak 100 karakter.',
          redirectUris: 'Alamat pengalihan harus https (http hanya untuk 127.0.0.1/localhost), tanpa # dan tanpa *; 1 sampai 10 alamat.',
          scopes: 'Cakupan harus berisi openid, dan hanya openid, profile, email, phone.',
        },
      },
    });
    const twoHosts = await world.call(
      REGISTER_CLIENT,
      { input: { ...app, redirectUris: ['https://a.serangkab.go.id/cb', 'https://b.serangkab.go.id/cb'] } },
      world.admin,
      'en',
    );
    const unknownAgency = await world.call(REGISTER_CLIENT, { input: { ...app, agencyId: 'disdukcapil' } }, world.admin);
    expect(twoHosts.errors?.[0].extensions?.fields).toEqual({
      redirectUris: 'All redirect URIs of one app must be on the same host; register another app for another host.',
    });
    // Identity knows the agencies from catalogue's events: an agency it has not heard of is refused.
    expect(unknownAgency.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { agencyId: 'Instansi tidak dikenal.' } });
    expect(await count('select count(*) as n from eventstore.events')).toBe(before);
  });

  it('disables a client once (a second time changes nothing) and answers NOT_FOUND for an unknown one', async () => {
    const first = await world.call<{ disableOidcClient: { id: string; disabledAt: string } }>(DISABLE, { id: registered.clientId }, as('admin'));
    expect(first.data?.disableOidcClient).toEqual({ id: registered.clientId, disabledAt: expect.any(String) });
    const again = await world.call<{ disableOidcClient: { id: string; disabledAt: string } }>(DISABLE, { id: registered.clientId }, as('admin'));
    expect(again.data?.disableOidcClient).toEqual(first.data?.disableOidcClient);
    const types = (
      await world.pool.query(`select type from eventstore.events where stream_id = $1 order by revision`, [`oidcclient-${registered.clientId}`])
    ).rows.map((r) => r.type);
    expect(types).toEqual(['OidcClientRegistered', 'OidcClientDisabled']);
    const unknown = await world.call(DISABLE, { id: '0190a000-0000-7000-8000-00000000dead' }, world.admin, 'en');
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'The agency app was not found.',
      extensions: { code: 'NOT_FOUND', reason: 'IDENTITY.OIDC_CLIENT_NOT_FOUND' },
    });
  });

  it('refuses an OIDC_ISSUER that is not the /oidc path of an http(s) URL, with exit code 78', async () => {
    const bad = await runToExit(ENTRY, { ...world.env, PORT: String(testPort(4917)), OIDC_ISSUER: 'https://sso.serangkab.go.id/auth' });
    expect(bad.code).toBe(78);
    expect(bad.output).toContain('OIDC_ISSUER: must end in /oidc (where identity mounts the provider)');
  });
});
