import { IdentityWorld, tokenOf, type Auth } from './fixtures/identity-world';
import { testPort } from '@serang/testing';

const INVITE = `mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { id roles agencyId expiresAt } }`;
const STAFF = `query($agencyId: ID) { staff(agencyId: $agencyId) { id name maskedEmail roles agencyId status invitationDelivery joinedAt } }`;

/** Staff accounts by invitation, with the e-mails a real SMTP server receives. */
describe('staff invitations and accounts (identity process, real PostgreSQL, SMTP recorder)', () => {
  const world = new IdentityWorld(testPort(4981));
  let agencyAdmin: Auth & { email: string };

  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it('a platform admin invites an agency admin: one e-mail with a single-use link, which no event, table or answer holds', async () => {
    const email = 'Kepala.Dinsos@SerangKab.go.id';
    const answer = await world.call<{ inviteStaff: { id: string; roles: string[]; agencyId: string; expiresAt: string } }>(
      INVITE,
      { input: { email, roles: ['AGENCY_ADMIN'], agencyId: 'dinsos' } },
      world.admin,
    );
    expect(answer.errors).toBeUndefined();
    const invitation = answer.data!.inviteStaff;
    expect(invitation).toMatchObject({ roles: ['AGENCY_ADMIN'], agencyId: 'dinsos' });
    expect(new Date(invitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(71 * 3600_000); // 72 hours by default

    const mail = await world.smtp.waitFor((m) => m.to.includes('kepala.dinsos@serangkab.go.id'));
    expect(mail.subject).toContain('Undangan');
    expect(mail.text).toContain('admin instansi di Dinas Sosial'); // Indonesian first…
    expect(mail.text).toContain('agency admin at Social Affairs Office'); // …then English
    const token = tokenOf(mail.text);
    expect(mail.text).toContain(`https://layanan.serangkab.go.id/staff-invitation#token=${token}`);
    expect(JSON.stringify(answer)).not.toContain(token);
    const { rows } = await world.pool.query(
      `select (select string_agg(data::text || metadata::text, '') from eventstore.events) as events,
              (select string_agg(t::text, '') from identity.persons t) as persons,
              (select string_agg(t::text, '') from identity.mail_outbox t) as outbox,
              (select string_agg(t::text, '') from identity.staff_invitation_tokens t) as tokens`,
    );
    for (const text of Object.values(rows[0] as Record<string, string>)) {
      expect(text ?? '').not.toContain(token);
      expect((text ?? '').toLowerCase()).not.toContain('kepala.dinsos');
    }
    expect(world.svc.output()).not.toContain(token);

    const accepted = await world.accept(token, 'Bu Kepala Dinas', 'Kepala-kuat-2026');
    expect(accepted.errors).toBeUndefined();
    agencyAdmin = { ...accepted.data!.acceptStaffInvitation, email };
    expect(agencyAdmin.user).toMatchObject({ roles: ['AGENCY_ADMIN'], agencyId: 'dinsos' });
    const claims = JSON.parse(Buffer.from(agencyAdmin.accessToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ roles: ['AGENCY_ADMIN'], agency: 'dinsos', tenant: '3604' });
    // The link works once (a second use is told it was accepted already); signing in works from now on.
    expect((await world.accept(token, 'Orang Lain', 'Orang-lain-2026')).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'IDENTITY.INVITATION_ALREADY_ACCEPTED',
    });
    // AuthPayload.user says the agency as the token and `me` do, after acceptance, login and refresh.
    const signedIn = await world.login(email, 'Kepala-kuat-2026');
    expect(signedIn.user).toEqual({ id: agencyAdmin.user.id, roles: ['AGENCY_ADMIN'], agencyId: 'dinsos' });
    const me = await world.call<{ me: { agencyId: string } }>(`{ me { agencyId } }`, {}, signedIn);
    expect(me.data?.me.agencyId).toBe('dinsos');
    const refreshed = await world.call<{ refreshSession: { user: { agencyId: string } } }>(
      `mutation($t: String!) { refreshSession(refreshToken: $t) { user { agencyId } } }`,
      { t: signedIn.refreshToken },
    );
    expect(refreshed.data?.refreshSession.user.agencyId).toBe('dinsos');
  });

  it('an agency admin invites officers of their own agency only', async () => {
    const own = await world.invite(agencyAdmin, { email: 'petugas.satu@serangkab.go.id', roles: ['OFFICER'] });
    expect((await world.accept(own.token, 'Petugas Satu', 'Petugas-kuat-2026')).data?.acceptStaffInvitation.user.roles).toEqual(['OFFICER']);
    const other = await world.call(INVITE, { input: { email: 'x@serangkab.go.id', roles: ['OFFICER'], agencyId: 'bapenda' } }, agencyAdmin);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const platform = await world.call(INVITE, { input: { email: 'y@serangkab.go.id', roles: ['PLATFORM_ADMIN'] } }, agencyAdmin);
    expect(platform.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const citizen = await world.citizen();
    expect(
      (await world.call(INVITE, { input: { email: 'z@serangkab.go.id', roles: ['OFFICER'], agencyId: 'dinsos' } }, citizen)).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('refuses bad invitations with a clear reason and changes nothing', async () => {
    const before = Number((await world.pool.query(`select count(*) as n from eventstore.events`)).rows[0].n);
    const bad = await world.call(
      INVITE,
      { input: { email: 'bukan-email', roles: ['OFFICER', 'PLATFORM_ADMIN'], agencyId: 'nowhere' } },
      world.admin,
      'en',
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const taken = await world.call(INVITE, { input: { email: agencyAdmin.email, roles: ['OFFICER'], agencyId: 'dinsos' } }, world.admin, 'en');
    expect(taken.errors?.[0]).toMatchObject({
      message: 'This e-mail address already belongs to an account or a pending invitation.',
      extensions: { code: 'CONFLICT' },
    });
    const unknownAgency = await world.call(
      INVITE,
      { input: { email: 'baru@serangkab.go.id', roles: ['OFFICER'], agencyId: 'nowhere' } },
      world.admin,
    );
    expect(unknownAgency.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { agencyId: 'Instansi tidak dikenal.' } });
    expect(Number((await world.pool.query(`select count(*) as n from eventstore.events`)).rows[0].n)).toBe(before);
  });

  it('lists the agency staff with invitation status and delivery; renewing kills the old link, revoking frees the address', async () => {
    const pending = await world.invite(agencyAdmin, { email: 'petugas.dua@serangkab.go.id', roles: ['OFFICER'] });
    const list = async () =>
      (
        await world.call<{ staff: Array<{ id: string; status: string; invitationDelivery?: string; maskedEmail: string; name?: string }> }>(
          STAFF,
          {},
          agencyAdmin,
        )
      ).data!.staff;
    await world.until(async () => (await list()).find((s) => s.id === pending.id)?.invitationDelivery === 'SENT', 'delivery recorded');
    const entry = (await list()).find((s) => s.id === pending.id)!;
    expect(entry).toMatchObject({ status: 'INVITED', maskedEmail: 'p***@serangkab.go.id' });
    expect((await list()).find((s) => s.name === 'Bu Kepala Dinas')).toMatchObject({ status: 'ACTIVE' });
    expect((await world.call(STAFF, { agencyId: 'bapenda' }, agencyAdmin)).errors?.[0].extensions?.code).toBe('FORBIDDEN'); // another agency's staff

    const renewed = await world.call(`mutation($id: ID!) { renewStaffInvitation(id: $id) { id expiresAt } }`, { id: pending.id }, agencyAdmin);
    expect(renewed.errors).toBeUndefined();
    const second = await world.smtp.waitFor((m) => m.to.includes('petugas.dua@serangkab.go.id') && tokenOf(m.text) !== pending.token);
    expect((await world.accept(pending.token, 'Petugas Dua', 'Petugas-kuat-2026')).errors?.[0].extensions?.reason).toBe(
      'IDENTITY.INVITATION_INVALID',
    );

    const revoked = await world.call(`mutation($id: ID!) { revokeStaffInvitation(id: $id) }`, { id: pending.id }, agencyAdmin);
    expect(revoked.data).toEqual({ revokeStaffInvitation: true });
    expect((await world.accept(tokenOf(second.text), 'Petugas Dua', 'Petugas-kuat-2026')).errors?.[0].extensions?.reason).toBe(
      'IDENTITY.INVITATION_INVALID',
    );
    const again = await world.invite(agencyAdmin, { email: 'petugas.dua@serangkab.go.id', roles: ['OFFICER'] });
    expect(again.id).not.toBe(pending.id);
  });

  it('validates the acceptance form, naming each field, in Indonesian by default', async () => {
    const { token } = await world.invite(world.admin, { email: 'admin.baru@serangkab.go.id', roles: ['PLATFORM_ADMIN'] });
    const weak = await world.accept(token, ' ', 'pendek');
    expect(weak.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { name: 'Nama wajib diisi, paling banyak 100 karakter.', password: 'Kata sandi minimal 10 karakter dan harus berisi huruf dan angka.' },
    });
    const ok = await world.accept(token, 'Admin Baru', 'Admin-baru-2026');
    expect(ok.data?.acceptStaffInvitation.user.roles).toEqual(['PLATFORM_ADMIN']);
  });
});

describe('agency systems and signing keys (identity process, real PostgreSQL)', () => {
  const world = new IdentityWorld(testPort(4982));
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  const TOKEN = `mutation($input: AgencySystemTokenInput!) { agencySystemToken(input: $input) { accessToken expiresAt tokenType } }`;

  it('registers an agency system whose client credentials give short AGENCY_SYSTEM tokens; revoking it ends them', async () => {
    const admin = await world.staffMember(world.admin, ['AGENCY_ADMIN'], 'bapenda', 'Admin Bapenda');
    const reg = await world.call<{ registerAgencySystem: { clientId: string; clientSecret: string; system: { id: string } } }>(
      `mutation($input: RegisterAgencySystemInput!) { registerAgencySystem(input: $input) { clientId clientSecret system { id agencyId name status } } }`,
      { input: { agencyId: 'bapenda', name: 'SISMIOP Bapenda' } },
      admin,
    );
    expect(reg.errors).toBeUndefined();
    const { clientId, clientSecret, system } = reg.data!.registerAgencySystem;
    const stored = await world.pool.query('select * from identity.agency_system_credentials');
    expect(JSON.stringify(stored.rows)).not.toContain(clientSecret);

    const issued = await world.call<{ agencySystemToken: { accessToken: string; expiresAt: string; tokenType: string } }>(TOKEN, {
      input: { clientId, clientSecret },
    });
    expect(issued.data?.agencySystemToken.tokenType).toBe('Bearer');
    const claims = JSON.parse(Buffer.from(issued.data!.agencySystemToken.accessToken.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ sub: system.id, roles: ['AGENCY_SYSTEM'], agency: 'bapenda' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);

    const wrong = await world.call(TOKEN, { input: { clientId, clientSecret: `${clientSecret}x` } }, undefined, 'en');
    expect(wrong.errors?.[0]).toMatchObject({ message: 'The client id or client secret is incorrect.', extensions: { code: 'UNAUTHENTICATED' } });
    const otherAgency = await world.staffMember(world.admin, ['AGENCY_ADMIN'], 'dinsos', 'Admin Dinsos');
    expect(
      (await world.call(`mutation($id: ID!) { revokeAgencySystem(id: $id) }`, { id: system.id }, otherAgency)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    expect((await world.call(`mutation($id: ID!) { revokeAgencySystem(id: $id) }`, { id: system.id }, admin)).data).toEqual({
      revokeAgencySystem: true,
    });
    expect((await world.call(TOKEN, { input: { clientId, clientSecret } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const announced = await world.pool.query(`select data from eventstore.events where stream_id = $1 and type = 'SessionRevoked'`, [
      `agencysystem-${system.id}`,
    ]);
    expect(announced.rows.map((r: { data: { reason: string } }) => r.data.reason)).toEqual(['SYSTEM_REVOKED']);
  });

  it('rotates the signing key: new tokens carry the new kid, old ones verify until their key leaves the JWKS', async () => {
    const jose = await import('jose');
    const jwksUrl = new URL(`${world.svc.url}/.well-known/jwks.json`);
    const verify = (token: string) => jose.jwtVerify(token, jose.createRemoteJWKSet(jwksUrl), { issuer: 'serang-tatu', audience: 'serang-tatu' });
    const before = await world.citizen();
    const oldKid = jose.decodeProtectedHeader(before.accessToken).kid;

    const citizenTry = await world.call(`mutation { rotateSigningKey { kid } }`, {}, before);
    expect(citizenTry.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rotated = await world.call<{ rotateSigningKey: { kid: string; status: string } }>(
      `mutation { rotateSigningKey { kid status } }`,
      {},
      world.admin,
    );
    expect(rotated.data?.rotateSigningKey.status).toBe('CURRENT');
    const newKid = rotated.data!.rotateSigningKey.kid;
    expect(newKid).not.toBe(oldKid);

    const after = await world.login(before.email, before.password);
    expect(jose.decodeProtectedHeader(after.accessToken).kid).toBe(newKid);
    await expect(verify(after.accessToken)).resolves.toBeTruthy();
    await expect(verify(before.accessToken)).resolves.toBeTruthy(); // the old key still verifies what it signed
    const keys = await world.call<{ signingKeys: Array<{ kid: string; status: string }> }>(`{ signingKeys { kid status } }`, {}, world.admin);
    expect(keys.data?.signingKeys).toEqual([
      { kid: newKid, status: 'CURRENT' },
      { kid: oldKid, status: 'VERIFY_ONLY' },
    ]);

    // As if the hour had passed: the retired key leaves the JWKS, and with it its tokens.
    await world.pool.query(`update identity.signing_keys set retired_at = retired_at - interval '2 hours' where kid = $1`, [oldKid]);
    const jwks = (await (await fetch(jwksUrl)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid)).toEqual([newKid]);
    await expect(verify(before.accessToken)).rejects.toThrow();
  });
});
