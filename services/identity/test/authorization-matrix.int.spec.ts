import { randomBytes } from 'node:crypto';
import { ADMIN, IdentityWorld, type Auth, type Gql } from './fixtures/identity-world';
import { testPort } from '@serang/testing';

/**
 * Every identity operation × every kind of caller × own and other data. Each cell names what the
 * caller must get: OK, or the code of the refusal. Where being allowed would change something for
 * good, the call carries deliberately wrong input, so "allowed" shows as that input's refusal
 * (BAD_USER_INPUT) instead of FORBIDDEN: the authorisation check comes first.
 */
type Who = 'anonymous' | 'citizen' | 'otherCitizen' | 'officerA' | 'officerB' | 'adminA' | 'adminB' | 'platformAdmin' | 'systemA';
const EVERYONE: Who[] = ['anonymous', 'citizen', 'otherCitizen', 'officerA', 'officerB', 'adminA', 'adminB', 'platformAdmin', 'systemA'];
type Outcome = 'OK' | 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'HIDDEN';

interface Cell {
  operation: string;
  run: (as: Who) => Promise<Gql>;
  /** The outcome of each caller; anyone not named is refused (UNAUTHENTICATED anonymous, FORBIDDEN the rest). */
  expect: Partial<Record<Who, Outcome>>;
  /** For visibility cells: how an allowed answer differs from a hidden one. */
  visible?: (r: Gql) => boolean;
}

describe('identity authorisation matrix (identity process, real PostgreSQL)', () => {
  const world = new IdentityWorld(testPort(4984));
  const auth = {} as Record<Exclude<Who, 'anonymous'>, Auth>;
  const creds = {} as Record<Exclude<Who, 'anonymous' | 'systemA'>, { login: string; password: string }>;
  let systemCredentials = { clientId: '', clientSecret: '' };
  let invitationA = '';
  let systemA = '';

  beforeAll(async () => {
    await world.start();
    for (const who of ['citizen', 'otherCitizen'] as const) {
      const c = await world.citizen(who);
      auth[who] = c;
      creds[who] = { login: c.nik, password: c.password };
    }
    auth.platformAdmin = world.admin;
    creds.platformAdmin = { login: ADMIN.email, password: ADMIN.password };
    const staff = [
      ['adminA', ['AGENCY_ADMIN'], 'dinsos', world.admin],
      ['adminB', ['AGENCY_ADMIN'], 'bapenda', world.admin],
      ['officerA', ['OFFICER'], 'dinsos', undefined],
      ['officerB', ['OFFICER'], 'bapenda', undefined],
    ] as const;
    for (const [who, roles, agency, by] of staff) {
      const inviter = by ?? (agency === 'dinsos' ? auth.adminA : auth.adminB);
      const m = await world.staffMember(inviter, [...roles], agency, who);
      auth[who] = m;
      creds[who] = { login: m.email, password: 'Petugas-kuat-2026' };
    }
    invitationA = (await world.invite(auth.adminA, { email: `pending.${randomBytes(3).toString('hex')}@serangkab.go.id`, roles: ['OFFICER'] })).id;
    const sys = await world.call<{ registerAgencySystem: { clientId: string; clientSecret: string; system: { id: string } } }>(
      `mutation { registerAgencySystem(input: { agencyId: "dinsos", name: "SIKS-NG Dinsos" }) { clientId clientSecret system { id } } }`,
      {},
      auth.adminA,
    );
    systemA = sys.data!.registerAgencySystem.system.id;
    systemCredentials = { clientId: sys.data!.registerAgencySystem.clientId, clientSecret: sys.data!.registerAgencySystem.clientSecret };
    const token = await world.call<{ agencySystemToken: { accessToken: string } }>(
      `mutation($i: AgencySystemTokenInput!) { agencySystemToken(input: $i) { accessToken } }`,
      { i: systemCredentials },
    );
    auth.systemA = { accessToken: token.data!.agencySystemToken.accessToken, refreshToken: '', user: { id: systemA, roles: ['AGENCY_SYSTEM'] } };
    await world.applied(auth.citizen.user.id, 'dinsos');
  });
  afterAll(() => world.stop());

  const as = (who: Who) => (who === 'anonymous' ? undefined : auth[who]);
  const q =
    (query: string, variables: Record<string, unknown> = {}) =>
    (who: Who) =>
      world.call(query, variables, as(who));
  const uniqueEmail = () => `new.${randomBytes(4).toString('hex')}@serangkab.go.id`;
  const staffIn = (agency: string) => `query { staff(agencyId: "${agency}") { id } }`;
  const systemsIn = (agency: string) => `query { agencySystems(agencyId: "${agency}") { id } }`;
  const userName = (r: Gql) => !!(r.data as { _entities?: Array<{ name?: string }> } | undefined)?._entities?.[0]?.name;

  const cells = (): Cell[] => [
    {
      operation: 'registerCitizen',
      run: q(`mutation { registerCitizen(input: { nik: "1", name: "", email: "x", phone: "1", password: "x" }) { accessToken } }`),
      expect: all('BAD_USER_INPUT'),
    },
    {
      operation: 'refreshSession',
      run: q(`mutation { refreshSession(refreshToken: "not-a-token") { accessToken } }`),
      expect: all('UNAUTHENTICATED'),
    },
    { operation: 'me', run: q(`{ me { id name maskedNik } }`), expect: signedIn('OK') },
    {
      operation: 'updateProfile (own)',
      run: q(`mutation { updateProfile(input: { birthDate: "2999-01-01" }) { id } }`),
      expect: { ...people('BAD_USER_INPUT') },
    },
    {
      operation: 'changePassword (own)',
      run: q(`mutation { changePassword(input: { currentPassword: "salah-sekali-1", newPassword: "Baru-sekali-2026" }) { accessToken } }`),
      expect: people('BAD_USER_INPUT'),
    },
    {
      operation: 'eraseMyData (own)',
      run: q(`mutation { eraseMyData(input: { password: "salah-sekali-1" }) }`),
      expect: { citizen: 'BAD_USER_INPUT', otherCitizen: 'BAD_USER_INPUT' },
    },
    {
      operation: 'erasePerson (another)',
      run: (who) => world.call(`mutation($id: ID!) { erasePerson(subjectId: $id) }`, { id: '00000000-0000-7000-8000-000000000000' }, as(who)),
      expect: { platformAdmin: 'NOT_FOUND' },
    },
    {
      operation: 'inviteStaff (agency A)',
      run: (who) =>
        world.call(
          `mutation($e: String!) { inviteStaff(input: { email: $e, roles: ["OFFICER"], agencyId: "dinsos" }) { id } }`,
          { e: uniqueEmail() },
          as(who),
        ),
      expect: { adminA: 'OK', platformAdmin: 'OK' },
    },
    {
      operation: 'inviteStaff (platform admin)',
      run: (who) =>
        world.call(`mutation($e: String!) { inviteStaff(input: { email: $e, roles: ["PLATFORM_ADMIN"] }) { id } }`, { e: uniqueEmail() }, as(who)),
      expect: { platformAdmin: 'OK' },
    },
    {
      operation: 'renewStaffInvitation (agency A)',
      run: (who) => world.call(`mutation($id: ID!) { renewStaffInvitation(id: $id) { id } }`, { id: invitationA }, as(who)),
      expect: { adminA: 'OK', platformAdmin: 'OK' },
    },
    {
      operation: 'acceptStaffInvitation',
      run: q(
        `mutation { acceptStaffInvitation(input: { token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", name: "X", password: "Sandi-kuat-2026" }) { accessToken } }`,
      ),
      expect: all('BAD_USER_INPUT'),
    },
    { operation: 'staff (agency A)', run: q(staffIn('dinsos')), expect: { adminA: 'OK', platformAdmin: 'OK' } },
    { operation: 'staff (agency B)', run: q(staffIn('bapenda')), expect: { adminB: 'OK', platformAdmin: 'OK' } },
    {
      operation: 'registerAgencySystem (agency A)',
      run: q(`mutation { registerAgencySystem(input: { agencyId: "dinsos", name: "x" }) { clientId } }`),
      expect: { adminA: 'BAD_USER_INPUT', platformAdmin: 'BAD_USER_INPUT' },
    },
    { operation: 'agencySystems (agency A)', run: q(systemsIn('dinsos')), expect: { adminA: 'OK', platformAdmin: 'OK' } },
    { operation: 'agencySystems (agency B)', run: q(systemsIn('bapenda')), expect: { adminB: 'OK', platformAdmin: 'OK' } },
    {
      operation: 'revokeAgencySystem (agency A)',
      run: (who) => world.call(`mutation($id: ID!) { revokeAgencySystem(id: $id) }`, { id: '00000000-0000-7000-8000-000000000001' }, as(who)),
      expect: { adminA: 'NOT_FOUND', adminB: 'NOT_FOUND', platformAdmin: 'NOT_FOUND' },
    },
    {
      operation: 'agencySystemToken',
      run: q(`mutation { agencySystemToken(input: { clientId: "sys_000000000000000000000000", clientSecret: "x" }) { accessToken } }`),
      expect: all('UNAUTHENTICATED'),
    },
    {
      operation: 'revealPersonalData (citizen who applied to agency A)',
      run: (who) =>
        world.call(
          `mutation($id: ID!) { revealPersonalData(subjectId: $id, reason: "pemeriksaan berkas permohonan") { nik } }`,
          { id: auth.citizen.user.id },
          as(who),
        ),
      expect: { officerA: 'OK', adminA: 'OK', platformAdmin: 'OK' },
    },
    {
      operation: 'User.name (citizen who applied to agency A)',
      run: (who) =>
        world.call(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { name } } }`,
          { r: [{ __typename: 'User', id: auth.citizen.user.id }] },
          as(who),
        ),
      visible: userName,
      expect: { ...Object.fromEntries(EVERYONE.map((w) => [w, 'HIDDEN'])), citizen: 'OK', officerA: 'OK', adminA: 'OK', platformAdmin: 'OK' },
    },
    {
      operation: 'personalDataAccessLog',
      run: q(`{ personalDataAccessLog { id } }`),
      expect: { citizen: 'OK', otherCitizen: 'OK', adminA: 'OK', adminB: 'OK', platformAdmin: 'OK' },
    },
    {
      operation: 'registerOidcClient',
      run: q(`mutation { registerOidcClient(input: { agencyId: "dinsos", name: "x", redirectUris: ["ftp://bad"] }) { clientId } }`),
      expect: { platformAdmin: 'BAD_USER_INPUT' },
    },
    { operation: 'oidcClients', run: q(`{ oidcClients { id } }`), expect: { platformAdmin: 'OK' } },
    {
      operation: 'disableOidcClient',
      run: q(`mutation { disableOidcClient(id: "00000000-0000-7000-8000-000000000002") { id } }`),
      expect: { platformAdmin: 'NOT_FOUND' },
    },
    { operation: 'signingKeys', run: q(`{ signingKeys { kid } }`), expect: { platformAdmin: 'OK' } },
    { operation: 'rotateSigningKey', run: q(`mutation { rotateSigningKey { kid } }`), expect: { platformAdmin: 'OK' } },
    {
      operation: 'logout (own session)',
      run: async (who) => (who === 'anonymous' ? world.call(`mutation { logout }`) : world.call(`mutation { logout }`, {}, await fresh(who))),
      expect: signedIn('OK'),
    },
    {
      operation: 'login',
      // Another unknown account from another client address each: the throttle is not what this cell is about.
      run: (who) =>
        world.call(
          `mutation($l: String!) { login(input: { login: $l, password: "salah-sekali-1" }) { accessToken } }`,
          { l: `nobody.${who}@example.id` },
          as(who),
          undefined,
          {
            'x-forwarded-for': `198.51.100.${EVERYONE.indexOf(who) + 1}`,
          },
        ),
      expect: all('UNAUTHENTICATED'),
    },
  ];

  /** A second session of the caller, so that logging out leaves the matrix's own tokens alive. */
  const fresh = async (who: Exclude<Who, 'anonymous'>): Promise<Auth | string> => {
    if (who === 'systemA') {
      const r = await world.call<{ agencySystemToken: { accessToken: string } }>(
        `mutation($i: AgencySystemTokenInput!) { agencySystemToken(input: $i) { accessToken } }`,
        { i: systemCredentials },
      );
      return r.data!.agencySystemToken.accessToken;
    }
    return world.login(creds[who].login, creds[who].password);
  };

  it('answers every operation for every caller as the matrix says', async () => {
    const failures: string[] = [];
    for (const cell of cells()) {
      for (const who of EVERYONE) {
        const wanted: Outcome = cell.expect[who] ?? (who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        const r = await cell.run(who);
        const got: Outcome = r.errors ? (String(r.errors[0].extensions?.code) as Outcome) : cell.visible && !cell.visible(r) ? 'HIDDEN' : 'OK';
        if (got !== wanted)
          failures.push(`${cell.operation} as ${who}: expected ${wanted}, got ${got}${r.errors ? ` (${r.errors[0].extensions?.reason})` : ''}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

function all(outcome: Outcome): Partial<Record<Who, Outcome>> {
  return Object.fromEntries(EVERYONE.map((w) => [w, outcome]));
}
function signedIn(outcome: Outcome): Partial<Record<Who, Outcome>> {
  return Object.fromEntries(EVERYONE.filter((w) => w !== 'anonymous').map((w) => [w, outcome]));
}
function people(outcome: Outcome): Partial<Record<Who, Outcome>> {
  return Object.fromEntries(EVERYONE.filter((w) => w !== 'anonymous' && w !== 'systemA').map((w) => [w, outcome]));
}
