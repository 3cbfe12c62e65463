import { startServiceProcess, type RunningProcess, testPort } from '@serang/testing';
import { ADMIN, IdentityWorld } from './fixtures/identity-world';
import { Browser, formAction, type Page } from './oidc-browser';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
type RpConfig = Awaited<ReturnType<OpenIdClient['discovery']>>;

const ENTRY = 'services/identity/src/main.ts';
const PORT_A = testPort(4918);
const PORT_B = testPort(4919); // a second replica on the same database
const ISSUER = `http://127.0.0.1:${PORT_A}/oidc`;
const REDIRECT = {
  epbb: 'http://127.0.0.1:4929/epbb/callback',
  bphtb: 'http://127.0.0.1:4929/bphtb/callback',
  bansos: 'https://bansos.serangkab.go.id/callback',
};

type Registered = { clientId: string; clientSecret: string };
type Login = { email: string; password: string };

describe('single sign-on: an agency app signs a citizen in with openid-client (two replicas, real PostgreSQL)', () => {
  const world = new IdentityWorld(PORT_A);
  let b: RunningProcess;
  let oc: OpenIdClient;
  let siti: Login & { id: string; nik: string };
  let budi: Login;
  const clients = {} as Record<keyof typeof REDIRECT, Registered & { config: RpConfig }>;
  const count = async (sql: string, params: unknown[] = []) => Number((await world.pool.query<{ n: string }>(sql, params)).rows[0].n);
  const a = () => world.svc;

  const register = async (input: Record<string, unknown>): Promise<Registered> => {
    const res = await world.call<{ registerOidcClient: Registered }>(
      `mutation($input: RegisterOidcClientInput!) { registerOidcClient(input: $input) { clientId clientSecret } }`,
      { input },
      world.admin,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.registerOidcClient;
  };

  /** The agency app's side: discovery, then a client that checks ID token signatures too. */
  const relyingParty = async (c: Registered, auth: 'basic' | 'post'): Promise<RpConfig> => {
    const method = auth === 'post' ? oc.ClientSecretPost(c.clientSecret) : oc.ClientSecretBasic(c.clientSecret);
    const config = await oc.discovery(new URL(ISSUER), c.clientId, { client_secret: c.clientSecret }, method, {
      execute: [oc.allowInsecureRequests],
    });
    oc.enableNonRepudiationChecks(config);
    return config;
  };
  const authorization = async (app: keyof typeof REDIRECT, scope: string, extra: Record<string, string> = {}) => {
    const verifier = oc.randomPKCECodeVerifier();
    const state = oc.randomState();
    const nonce = oc.randomNonce();
    const url = oc.buildAuthorizationUrl(clients[app].config, {
      redirect_uri: REDIRECT[app],
      scope,
      code_challenge: await oc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { url: url.href, checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce } };
  };
  const offered = (page: Page) => [...page.body.matchAll(/name="scope" value="([^"]+)"/g)].map((m) => m[1]);
  const isLogin = (page: Page) => page.status === 200 && page.body.includes('name="password"');
  const isConsent = (page: Page) => page.status === 200 && page.body.includes('/confirm"');
  /** Walks the pages as the citizen would: logs in if asked, allows `granted` (default: all offered) if asked. */
  const walk = async (browser: Browser, url: string, who: Login, granted?: string[]): Promise<string> => {
    let page = await browser.get(url);
    if (isLogin(page)) page = await browser.submit(formAction(page, 'login'), { login: who.email, password: who.password });
    if (isConsent(page)) page = await browser.submit(formAction(page, 'confirm'), { scope: granted ?? offered(page) });
    if (!page.location) throw new Error(`expected a redirect to the app, got ${page.status}:\n${page.body.slice(0, 1500)}`);
    return page.location;
  };
  const exchange = (app: keyof typeof REDIRECT, callback: string, checks: Awaited<ReturnType<typeof authorization>>['checks']) =>
    oc.authorizationCodeGrant(clients[app].config, new URL(callback), checks);
  const releases = () =>
    world.pool
      .query('select client_id, agency_id, person_id, subject, claims, channel from identity.oidc_claim_releases order by id')
      .then((r) => r.rows);

  beforeAll(async () => {
    oc = await import('openid-client');
    await world.start({ OIDC_ISSUER: ISSUER });
    b = await startServiceProcess(ENTRY, { ...world.env, IDENTITY_JWKS_URL: `http://127.0.0.1:${PORT_B}/.well-known/jwks.json` }, PORT_B);
    const s = await world.citizen('Siti Rahmawati');
    siti = { id: s.user.id, nik: s.nik, email: s.email, password: s.password };
    budi = await world.citizen('Budi Santoso');

    const epbb = await register({ agencyId: 'bapenda', name: 'e-PBB Online', redirectUris: [REDIRECT.epbb] });
    const bphtb = await register({
      agencyId: 'bapenda',
      name: 'Layanan <BPHTB> & "Cepat"',
      redirectUris: [REDIRECT.bphtb],
      scopes: ['openid', 'profile'],
    });
    const bansos = await register({
      agencyId: 'dinsos',
      name: 'Bansos Serang',
      redirectUris: [REDIRECT.bansos],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    });
    clients.epbb = { ...epbb, config: await relyingParty(epbb, 'basic') };
    clients.bphtb = { ...bphtb, config: await relyingParty(bphtb, 'basic') };
    clients.bansos = { ...bansos, config: await relyingParty(bansos, 'post') };
  });
  afterAll(async () => {
    await b?.stop();
    await world.stop();
  });

  it('publishes discovery: code flow only, PKCE with S256, pairwise subjects, ES256 ID tokens under identity’s own key', async () => {
    const meta = clients.epbb.config.serverMetadata();
    expect(meta).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/auth`,
      token_endpoint: `${ISSUER}/token`,
      userinfo_endpoint: `${ISSUER}/me`,
      jwks_uri: `${ISSUER}/jwks`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['ES256'],
      scopes_supported: ['openid', 'profile', 'email', 'phone'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      ui_locales_supported: ['id', 'en'],
    });
    const [oidcKeys, identityKeys] = await Promise.all(
      [`${ISSUER}/jwks`, `${a().url}/.well-known/jwks.json`].map(
        async (u) => ((await (await fetch(u)).json()) as { keys: Array<Record<string, string>> }).keys,
      ),
    );
    expect(oidcKeys.map((k) => k.kid)).toEqual(identityKeys.map((k) => k.kid));
    expect(oidcKeys[0].d).toBeUndefined();
  });

  const browser = new Browser();
  let bapendaSub: string;
  let bansosAccessToken: string;

  it('signs Siti in to an agency app: login and consent pages in Indonesian, code + PKCE, a verified ID token, userinfo', async () => {
    const { url, checks } = await authorization('epbb', 'openid profile email phone');
    const login = await browser.get(url);
    expect(login.status).toBe(200);
    expect(login.body).toContain('<html lang="id">');
    expect(login.body).toContain('Masuk dengan akun Serang Tatu');
    expect(login.body).toContain('e-PBB Online (Badan Pendapatan Daerah) meminta Anda masuk.');
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(login.headers.get('cache-control')).toBe('no-store');

    const consent = await browser.submit(formAction(login, 'login'), { login: ` ${siti.email.toUpperCase()}`, password: siti.password });
    expect(consent.status).toBe(200);
    expect(consent.body).toContain('Izinkan akses ke data Anda?');
    expect(consent.body).toContain('bukan NIK Anda');
    expect(offered(consent)).toEqual(['profile', 'email', 'phone']);
    for (const label of ['Nama lengkap', 'Alamat e-mail', 'Nomor telepon']) expect(consent.body).toContain(label);

    const done = await browser.submit(formAction(consent, 'confirm'), { scope: ['profile', 'email', 'phone'] });
    const callback = new URL(done.location!);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT.epbb);
    expect(callback.searchParams.get('iss')).toBe(ISSUER);

    const tokens = await exchange('epbb', done.location!, checks);
    const idToken = tokens.claims()!;
    expect(idToken).toMatchObject({
      iss: ISSUER,
      aud: clients.epbb.clientId,
      nonce: checks.expectedNonce,
      sub: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(idToken.sub).not.toBe(siti.id);
    // No personal claims: those come from userinfo only, where each release is audited.
    expect(Object.keys(idToken).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'nonce', 'sub']);
    const jose = await import('jose');
    const { protectedHeader } = await jose.jwtVerify(tokens.id_token!, jose.createRemoteJWKSet(new URL(`${ISSUER}/jwks`)), {
      issuer: ISSUER,
      audience: clients.epbb.clientId,
      algorithms: ['ES256'],
    });
    const identityKid = ((await (await fetch(`${a().url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys[0].kid;
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: identityKid });
    expect(tokens.access_token.split('.')).toHaveLength(1); // opaque: no platform service could take it for one of its own tokens

    const userinfo = await oc.fetchUserInfo(clients.epbb.config, tokens.access_token, idToken.sub);
    expect(userinfo).toEqual({ sub: idToken.sub, name: 'Siti Rahmawati', email: siti.email, phone_number: '+6281234567890' });
    expect(await releases()).toEqual([
      {
        client_id: clients.epbb.clientId,
        agency_id: 'bapenda',
        person_id: siti.id,
        subject: idToken.sub,
        claims: ['name', 'email', 'phone_number'],
        channel: 'userinfo',
      },
    ]);
    bapendaSub = idToken.sub;

    // Nor does identity's own API take the ID token for an access token: another issuer, another audience.
    const me = await world.call('{ me { id } }', {}, tokens.id_token);
    expect(me.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.INVALID_TOKEN' });
  });

  it('gives every app of one agency the same subject and another agency another; claims only for the scopes granted', async () => {
    // Same browser: the single sign-on session skips the login page; the app's name is escaped.
    const bphtb = await authorization('bphtb', 'openid profile');
    const consent = await browser.get(bphtb.url);
    expect(isConsent(consent)).toBe(true);
    expect(consent.body).toContain('Layanan &lt;BPHTB&gt; &amp; &quot;Cepat&quot; (Badan Pendapatan Daerah)');
    expect(consent.body).not.toContain('<BPHTB>');
    expect(offered(consent)).toEqual(['profile']);
    const bphtbTokens = await exchange('bphtb', (await browser.submit(formAction(consent, 'confirm'), { scope: 'profile' })).location!, bphtb.checks);
    expect(bphtbTokens.claims()!.sub).toBe(bapendaSub);
    expect(await oc.fetchUserInfo(clients.bphtb.config, bphtbTokens.access_token, bapendaSub)).toEqual({ sub: bapendaSub, name: 'Siti Rahmawati' });

    // Another agency; Siti unticks her phone number.
    const bansos = await authorization('bansos', 'openid profile email phone');
    const bansosTokens = await exchange('bansos', await walk(browser, bansos.url, siti, ['profile', 'email']), bansos.checks);
    const dinsosSub = bansosTokens.claims()!.sub;
    expect(dinsosSub).not.toBe(bapendaSub);
    expect(dinsosSub).not.toBe(siti.id);
    expect(await oc.fetchUserInfo(clients.bansos.config, bansosTokens.access_token, dinsosSub)).toEqual({
      sub: dinsosSub,
      name: 'Siti Rahmawati',
      email: siti.email,
    });
    bansosAccessToken = bansosTokens.access_token;

    expect((await releases()).slice(1)).toEqual([
      { client_id: clients.bphtb.clientId, agency_id: 'bapenda', person_id: siti.id, subject: bapendaSub, claims: ['name'], channel: 'userinfo' },
      {
        client_id: clients.bansos.clientId,
        agency_id: 'dinsos',
        person_id: siti.id,
        subject: dinsosSub,
        claims: ['name', 'email'],
        channel: 'userinfo',
      },
    ]);

    // A consent is remembered: the next sign-in to the same app shows no page at all.
    const again = await authorization('epbb', 'openid profile email phone');
    const page = await browser.get(again.url);
    expect(page.location).toContain(`${REDIRECT.epbb}?code=`);
    expect((await exchange('epbb', page.location!, again.checks)).claims()!.sub).toBe(bapendaSub);
  });

  it('refuses an authorization request without PKCE, or with the plain method, and a code exchanged with the wrong verifier', async () => {
    const meta = clients.epbb.config.serverMetadata();
    const base = { client_id: clients.epbb.clientId, redirect_uri: REDIRECT.epbb, response_type: 'code', scope: 'openid', state: 's1' };
    const withoutPkce = await browser.get(`${meta.authorization_endpoint}?${new URLSearchParams(base)}`);
    const plain = await browser.get(
      `${meta.authorization_endpoint}?${new URLSearchParams({ ...base, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })}`,
    );
    for (const [page, description] of [
      [withoutPkce, 'PKCE'],
      [plain, 'code_challenge_method'],
    ] as const) {
      const answer = new URL(page.location!);
      expect(answer.searchParams.get('error')).toBe('invalid_request');
      expect(answer.searchParams.get('error_description')).toContain(description);
      expect(answer.searchParams.get('code')).toBeNull();
    }
    const { url, checks } = await authorization('epbb', 'openid');
    const callback = (await browser.get(url)).location!;
    await expect(exchange('epbb', callback, { ...checks, pkceCodeVerifier: oc.randomPKCECodeVerifier() })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('answers a wrong password and an unknown account with the same non-revealing error on the login page, in either language', async () => {
    const attempt = async (who: Login, extra: Record<string, string> = {}, headers: Record<string, string> = {}) => {
      const fresh = new Browser(headers);
      const login = await fresh.get((await authorization('epbb', 'openid', extra)).url);
      return fresh.submit(formAction(login, 'login'), { login: who.email, password: who.password });
    };
    const wrong = await attempt({ email: siti.email, password: 'rahasia12346' });
    const nobody = await attempt({ email: 'nobody@example.id', password: siti.password });
    for (const page of [wrong, nobody]) {
      expect(page.status).toBe(401);
      expect(page.body).toContain('<p class="error" role="alert">E-mail/NIK atau kata sandi salah.</p>');
      expect(page.body).toContain('name="password"');
    }
    expect(wrong.body.replace(/interaction\/[^/"]+/g, '').replace(siti.email, 'X')).toBe(
      nobody.body.replace(/interaction\/[^/"]+/g, '').replace('nobody@example.id', 'X'),
    );
    const english = await attempt({ email: siti.email, password: 'salah-lagi-1' }, { ui_locales: 'en' });
    expect(english.body).toContain('The e-mail/NIK or password is incorrect.');
    expect(english.body).toContain('e-PBB Online (Regional Revenue Agency) asks you to sign in.');
    expect((await attempt({ email: siti.email, password: 'salah-lagi-1' }, {}, { 'accept-language': 'en-US,en;q=0.9' })).body).toContain(
      'The e-mail/NIK or password is incorrect.',
    );
  });

  it('throttles failures on the login page with the very counters of the GraphQL login', async () => {
    const fresh = new Browser();
    let page = await fresh.get((await authorization('epbb', 'openid')).url);
    for (let i = 0; i < 5; i++) {
      page = await fresh.submit(formAction(page, 'login'), { login: budi.email, password: 'salah-sekali-1' });
      expect(page.status).toBe(401);
    }
    page = await fresh.submit(formAction(page, 'login'), { login: budi.email, password: budi.password });
    expect(page.status).toBe(429);
    expect(page.body).toContain('Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1 menit.');
    const graphql = await world.call(
      `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`,
      { i: { login: budi.email, password: budi.password } },
      undefined,
      undefined,
      { 'x-forwarded-for': '192.0.2.77' },
    );
    expect(graphql.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'IDENTITY.LOGIN_THROTTLED' });
  });

  it('refuses staff accounts: agency apps are for citizens', async () => {
    const fresh = new Browser();
    const login = await fresh.get((await authorization('epbb', 'openid')).url);
    const page = await fresh.submit(formAction(login, 'login'), { login: ADMIN.email, password: ADMIN.password });
    expect(page.status).toBe(403);
    expect(page.body).toContain('Hanya akun warga yang dapat masuk ke aplikasi instansi.');
    expect(fresh.hasCookie('_session')).toBe(false);
  });

  it('accepts a login form only from the browser whose interaction it is (no cross-site login), and lets the citizen deny', async () => {
    const victim = new Browser();
    const login = await victim.get((await authorization('epbb', 'openid profile')).url);
    const forged = await new Browser().submit(formAction(login, 'login'), { login: siti.email, password: siti.password });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('Sesi masuk ini sudah berakhir atau tidak dikenal.');

    const consent = await victim.submit(formAction(login, 'login'), { login: siti.email, password: siti.password });
    expect(isConsent(consent)).toBe(true);
    const denied = new URL((await victim.submit(formAction(consent, 'abort'), {})).location!);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('works across replicas, restarts and a key rotation: every step may land on another process, state lives in PostgreSQL', async () => {
    let hop = 0;
    const balanced = new Browser(
      {},
      {
        route: (url) => (hop++ % 2 === 1 ? url.replace(`:${PORT_A}/`, `:${PORT_B}/`) : url),
        unroute: (url) => url.replace(`:${PORT_B}/`, `:${PORT_A}/`),
      },
    ); // A, B, A, B, …
    const { url, checks } = await authorization('bphtb', 'openid profile');
    const callback = await walk(balanced, url, siti);
    expect(hop).toBeGreaterThanOrEqual(4);
    // The token request goes to replica B, and the code was issued by whichever replica served the resume.
    const config = await relyingParty(clients.bphtb, 'basic');
    config[oc.customFetch] = (u, options) => fetch(u.replace(`:${PORT_A}/`, `:${PORT_B}/`), options);
    const tokens = await oc.authorizationCodeGrant(config, new URL(callback), checks);
    expect(tokens.claims()!.sub).toBe(bapendaSub);

    // A platform admin rotates identity's signing key; the restarted replica's provider signs with the new one.
    const rotated = await world.call<{ rotateSigningKey: { kid: string } }>('mutation { rotateSigningKey { kid } }', {}, world.admin);
    const newKid = rotated.data!.rotateSigningKey.kid;
    await world.svc.stop();
    world.svc = await startServiceProcess(ENTRY, world.env, PORT_A);
    // An agency app re-reads the JWKS for an unknown kid only when its copy is a minute old
    // (oauth4webapi's rate limit); these apps fetched theirs seconds ago, so they start afresh.
    for (const [app, auth] of [
      ['epbb', 'basic'],
      ['bphtb', 'basic'],
      ['bansos', 'post'],
    ] as const)
      clients[app].config = await relyingParty(clients[app], auth);
    // After the restart the browser is still signed in and the consent still remembered.
    const next = await authorization('bphtb', 'openid profile');
    const page = await browser.get(next.url);
    expect(page.location).toContain(`${REDIRECT.bphtb}?code=`);
    const after = await exchange('bphtb', page.location!, next.checks);
    const jose = await import('jose');
    expect(jose.decodeProtectedHeader(after.id_token!).kid).toBe(newKid);
    expect(((await (await fetch(`${ISSUER}/jwks`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid)).toEqual([newKid]);
    expect(await oc.fetchUserInfo(clients.bphtb.config, after.access_token, bapendaSub)).toEqual({ sub: bapendaSub, name: 'Siti Rahmawati' });
  });

  it('refuses a disabled client at once: no new sign-in, no code exchange, its access tokens no longer open userinfo', async () => {
    const pending = await authorization('bansos', 'openid profile email phone');
    const callback = (await browser.get(pending.url)).location!; // consent remembered: a code at once
    const disabled = await world.call(
      `mutation($id: ID!) { disableOidcClient(id: $id) { disabledAt } }`,
      { id: clients.bansos.clientId },
      world.admin,
    );
    expect(disabled.errors).toBeUndefined();

    const fresh = await browser.get((await authorization('bansos', 'openid')).url);
    expect(fresh.status).toBe(400);
    expect(fresh.body).toContain('Permintaan masuk tidak dapat diproses');
    expect(fresh.body).toContain('invalid_client');
    await expect(exchange('bansos', callback, pending.checks)).rejects.toMatchObject({ error: 'invalid_client' });
    const userinfo = await fetch(`${ISSUER}/me`, { headers: { authorization: `Bearer ${bansosAccessToken}` } });
    expect(userinfo.status).toBe(401);
    expect(userinfo.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('keeps the claim-release trail append-only, and no personal data in plain text in its tables or the provider state', async () => {
    const rows = await releases();
    expect(rows.map((r) => r.client_id)).toEqual([clients.epbb.clientId, clients.bphtb.clientId, clients.bansos.clientId, clients.bphtb.clientId]);
    expect(rows.every((r) => r.person_id === siti.id)).toBe(true);
    await expect(world.pool.query('update identity.oidc_claim_releases set claims = $1', [['name']])).rejects.toThrow('append-only');
    await expect(world.pool.query('delete from identity.oidc_claim_releases')).rejects.toThrow('append-only');
    expect(await count('select count(*) as n from identity.oidc_claim_releases')).toBe(4);
    // The same releases are in the platform's one audit trail, as reads by the agency apps.
    await world.until(
      async () => (await count(`select count(*) as n from identity.personal_data_access_log where purpose = 'OIDC_CLAIMS'`)) === 4,
      'releases in the access log',
    );
    const logged = (
      await world.pool.query(
        `select actor_id, actor_role, subject_id from identity.personal_data_access_log where purpose = 'OIDC_CLAIMS' order by at`,
      )
    ).rows;
    expect(logged.map((r) => r.actor_id).sort()).toEqual(rows.map((r) => r.client_id).sort());
    expect(logged.every((r) => r.actor_role === 'OIDC_CLIENT' && r.subject_id === siti.id)).toBe(true);

    expect(await count('select count(*) as n from identity.oidc_payloads')).toBeGreaterThan(0);
    const dump =
      JSON.stringify((await world.pool.query('select * from identity.oidc_payloads')).rows) +
      JSON.stringify(rows) +
      JSON.stringify((await world.pool.query('select * from eventstore.events')).rows);
    for (const secret of ['Siti Rahmawati', siti.email, '81234567890', siti.nik, siti.password])
      expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
    for (const s of [siti.password, 'Siti Rahmawati', '81234567890']) {
      expect(a().output()).not.toContain(s);
      expect(b.output()).not.toContain(s);
    }
    // The provider read its token requests' bodies itself: Nest's body parser never consumed them;
    // and no development default of the library (in-memory adapter, default pages, TTLs) is in use.
    expect(a().output() + b.output()).not.toContain('already parsed request body');
    const warnings = (a().output() + b.output()).split('\n').filter((l) => l.includes('oidc-provider WARNING') && !l.includes('Unsupported runtime'));
    expect(warnings).toEqual([]);
  });

  it('asks for a login again after the citizen changes the password, as identity ends its own sessions', async () => {
    const skipped = await browser.get((await authorization('bphtb', 'openid profile')).url);
    expect(skipped.location).toContain(`${REDIRECT.bphtb}?code=`); // still signed in: no page at all
    const signedIn = await world.login(siti.email, siti.password);
    const changed = await world.call(
      `mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }`,
      { i: { currentPassword: siti.password, newPassword: 'sandi-baru-2026' } },
      signedIn,
    );
    expect(changed.errors).toBeUndefined();

    const { url, checks } = await authorization('bphtb', 'openid profile');
    const login = await browser.get(url);
    expect(isLogin(login)).toBe(true);
    const done = await browser.submit(formAction(login, 'login'), { login: siti.email, password: 'sandi-baru-2026' });
    expect((await exchange('bphtb', done.location!, checks)).claims()!.sub).toBe(bapendaSub);
  });

  it('keeps authorization codes single-use and short-lived in PostgreSQL: a replayed code revokes what it gave', async () => {
    const fresh = new Browser();
    const who = { email: siti.email, password: 'sandi-baru-2026' };
    const first = await authorization('epbb', 'openid profile');
    const callback = await walk(fresh, first.url, who);
    const tokens = await exchange('epbb', callback, first.checks);
    await expect(exchange('epbb', callback, first.checks)).rejects.toMatchObject({ error: 'invalid_grant' });
    const revoked = await fetch(`${ISSUER}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(revoked.status).toBe(401);

    const second = await authorization('epbb', 'openid profile');
    const late = await walk(fresh, second.url, who);
    // As if the code's 60 seconds had passed: the adapter never returns an expired row.
    await world.pool.query(
      `update identity.oidc_payloads set expires_at = now() - interval '1 second' where model = 'AuthorizationCode' and consumed_at is null`,
    );
    await expect(exchange('epbb', late, second.checks)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
