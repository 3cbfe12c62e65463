import { SERVICES } from '@serang/service-definition/src/seeds';
import { attachDocuments, testPort } from '@serang/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { nik, PlatformWorld, type Gql, type Person } from './fixtures/platform-world';

/**
 * Thirty identical calls at once of every mutation that claims something unique or takes a lock,
 * against services whose database pools hold two connections each: exactly one wins, the others
 * are told CONFLICT (or, where the operation is idempotent, get the first result); nobody gets
 * INTERNAL_SERVER_ERROR, and the platform answers within seconds afterwards. With two
 * connections, a code path that holds one and asks for another deadlocks at once — this is how
 * the registration race of the hardening issue hung identity for good.
 */
describe('thirty identical calls at once, pools of two connections (whole platform, real PostgreSQL)', () => {
  const world = new PlatformWorld('store', testPort(4760));
  const N = 30;
  const AK1 = 'disnakertrans-ak1';
  const AK1_FORM = {
    education: 'SMK',
    major: 'Teknik Pengelasan',
    graduationYear: 2023,
    skills: 'Pengelasan SMAW',
    desiredPosition: 'Juru las',
    maritalStatus: 'BELUM_KAWIN',
    heightCm: 168,
    weightKg: 60,
    phone: '081234567890',
  };
  let officer: Person;
  let agencyAdmin: Person;

  beforeAll(async () => {
    await world.start({ DB_POOL_MAX: '2', EVENTSTORE_POOL_MAX: '2', SLA_SCAN_INTERVAL_SECONDS: '0' });
    officer = await world.staff(['OFFICER'], 'disnakertrans', 'Petugas Balapan');
    agencyAdmin = await world.staff(['AGENCY_ADMIN'], 'disnakertrans', 'Admin Balapan');
  }, 240_000);
  afterAll(() => world.stop());

  /** Fires `n` calls at once; the outcome of each: OK or the error code. */
  async function race<T>(call: (i: number) => Promise<Gql<T>>, n = N): Promise<{ outcomes: string[]; answers: Gql<T>[] }> {
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => call(i)));
    return { answers, outcomes: answers.map((a) => (a.errors ? String(a.errors[0].extensions?.code) : 'OK')) };
  }
  const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});

  /** The platform still answers a read and a sign-in promptly (nothing is left hanging). */
  async function stillAnswers(): Promise<void> {
    const t0 = Date.now();
    const r = await world.call<{ agencies: unknown[] }>(`{ agencies { id } }`);
    expect(r.data?.agencies).toHaveLength(30);
    await world.login(officer.login, officer.password);
    expect(Date.now() - t0).toBeLessThan(10_000);
  }

  it('registerCitizen: one NIK, thirty e-mails — one account, 29 CONFLICT', async () => {
    const shared = nik();
    const { outcomes } = await race((i) =>
      world.call(`mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { user { id } } }`, {
        i: {
          nik: shared,
          name: 'Warga Balapan',
          email: `balapan.${i}.${randomBytes(3).toString('hex')}@example.id`,
          phone: '0812-3456-7890',
          password: 'Warga-sandi-2026',
        },
      }),
    );
    expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: N - 1 });
    await stillAnswers();
  });

  it('acceptStaffInvitation: one link used thirty times — one account, 29 CONFLICT', async () => {
    const email = `undangan.${randomBytes(3).toString('hex')}@serangkab.go.id`;
    await world.call(
      `mutation($i: InviteStaffInput!) { inviteStaff(input: $i) { id } }`,
      { i: { email, roles: ['OFFICER'], agencyId: 'bapenda' } },
      world.admin.token,
    );
    const mail = await world.smtp.waitFor((m) => m.to.includes(email));
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const { outcomes } = await race(() =>
      world.call(`mutation($i: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $i) { user { id } } }`, {
        i: { token, name: 'Petugas Undangan', password: 'Petugas-sandi-2026' },
      }),
    );
    expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: N - 1 });
    await stillAnswers();
  });

  it('registerAgencySystem: one name in one agency — one system, 29 CONFLICT', async () => {
    const name = `SIAK Balapan ${randomBytes(2).toString('hex')}`;
    const { outcomes } = await race(() =>
      world.call(
        `mutation($i: RegisterAgencySystemInput!) { registerAgencySystem(input: $i) { clientId } }`,
        { i: { agencyId: 'disdukcapil', name } },
        world.admin.token,
      ),
    );
    expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: N - 1 });
    await stillAnswers();
  });

  it('registerOidcClient: one name in one agency — one client, 29 CONFLICT', async () => {
    const name = `ePBB Balapan ${randomBytes(2).toString('hex')}`;
    const { outcomes } = await race(() =>
      world.call(
        `mutation($i: RegisterOidcClientInput!) { registerOidcClient(input: $i) { clientId } }`,
        { i: { agencyId: 'bapenda', name, redirectUris: ['https://epbb.serangkab.go.id/callback'] } },
        world.admin.token,
      ),
    );
    expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: N - 1 });
    await stillAnswers();
  });

  it('createServiceDraft: one code in one agency — one draft, 29 CONFLICT', async () => {
    const code = `BLP${randomBytes(2).toString('hex').toUpperCase()}`;
    const definition = SERVICES.find((s) => s.id === AK1)!.definition;
    const { outcomes } = await race(() =>
      world.call(
        `mutation($i: CreateServiceDraftInput!) { createServiceDraft(input: $i) { id } }`,
        { i: { code, nameId: 'Layanan Balapan', nameEn: 'Race service', definitionJson: JSON.stringify(definition) } },
        agencyAdmin.token,
      ),
    );
    expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: N - 1 });
    await stillAnswers();
  });

  describe('on one application', () => {
    let citizen: Person;
    let first: { id: string; version: number };
    let documents: unknown[];

    it('submitApplication: one idempotency key thirty times — one application, the same answer thirty times', async () => {
      citizen = await world.citizen('Pemohon Balapan');
      const seed = SERVICES.find((s) => s.id === AK1)!;
      documents = await attachDocuments(
        world.platform.urls.gateway,
        citizen.token,
        seed.definition.requiredDocuments.filter((d) => d.required).map((d) => ({ code: d.code, image: !d.mediaTypes.includes('application/pdf') })),
      );
      const key = randomUUID();
      const { outcomes, answers } = await race(() =>
        world.call<{ submitApplication: { id: string; version: number } }>(
          `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id version } }`,
          { i: { serviceId: AK1, formData: JSON.stringify(AK1_FORM), documents, idempotencyKey: key } },
          citizen.token,
        ),
      );
      expect(tally(outcomes)).toEqual({ OK: N });
      expect(new Set(answers.map((a) => a.data!.submitApplication.id)).size).toBe(1);
      first = answers[0].data!.submitApplication;
      const mine = await world.call<{ myApplications: unknown[] }>(`{ myApplications { id } }`, {}, citizen.token);
      expect(mine.data?.myApplications).toHaveLength(1);
      await stillAnswers();
    });

    it('transitionApplication: thirty claims of one version — one claim, 29 CONFLICT', async () => {
      const { outcomes } = await race(() => world.act(officer, first.id, 'CLAIM', first.version));
      expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: N - 1 });
      await stillAnswers();
    });

    it('resubmitApplication: one key thirty times after a revision request — one resubmission, the same answer thirty times', async () => {
      const now = await world.call<{ application: { version: number } }>(
        `query($id: ID!) { application(id: $id) { version } }`,
        { id: first.id },
        citizen.token,
      );
      const verifying = await world.act(officer, first.id, 'START_VERIFICATION', now.data!.application.version);
      const asked = await world.act(officer, first.id, 'REQUEST_REVISION', verifying.data!.transitionApplication.version, { note: 'Pasfoto buram' });
      expect(asked.errors).toBeUndefined();
      const key = randomUUID();
      const { outcomes, answers } = await race(() =>
        world.call<{ resubmitApplication: { id: string; version: number } }>(
          `mutation($id: ID!, $i: ResubmitApplicationInput!) { resubmitApplication(id: $id, input: $i) { id version } }`,
          { id: first.id, i: { formData: JSON.stringify({ ...AK1_FORM, skills: 'Pengelasan SMAW dan TIG' }), documents, idempotencyKey: key } },
          citizen.token,
        ),
      );
      expect(tally(outcomes)).toEqual({ OK: N });
      expect(new Set(answers.map((a) => a.data!.resubmitApplication.version)).size).toBe(1);
      await stillAnswers();
    });
  });

  it('updateProfile: thirty citizens taking one e-mail address — one has it, 29 CONFLICT', async () => {
    const citizens = await Promise.all(Array.from({ length: N }, (_, i) => world.citizen(`Warga Surel ${i}`)));
    const email = `surel.rebutan.${randomBytes(3).toString('hex')}@example.id`;
    const { outcomes } = await race((i) =>
      world.call(`mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`, { i: { email } }, citizens[i].token),
    );
    expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: N - 1 });
    await stillAnswers();
  });
});
