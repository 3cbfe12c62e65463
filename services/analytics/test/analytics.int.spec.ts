import { PostgresEventStore } from '@serang/eventstore';
import {
  createTestDatabase,
  gql,
  startServiceProcess,
  startTestIssuer,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
  testPort,
} from '@serang/testing';
import { Client } from 'pg';
import { analyticsCaughtUp } from './fixtures/caught-up';
import { v7 as uuidv7 } from 'uuid';

const PORT = testPort(4971);
const ENTRY = 'services/analytics/src/main.ts';
const PERFORMANCE = `query ($period: PeriodInput, $agencyId: ID) {
  agencyPerformance(period: $period, agencyId: $agencyId) { agencyId submitted byService { serviceId submitted } agency { id } }
}`;

interface Figures {
  agencyId: string;
  submitted: number;
  byService: Array<{ serviceId: string; submitted: number }>;
}
type Result = Awaited<ReturnType<typeof gql<{ agencyPerformance: Figures[] }>>>;

describe('analytics service (its own process, real PostgreSQL, events from the store)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let lastPosition = 0n;
  const env = () => ({ DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('analytics');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    svc = await startServiceProcess(ENTRY, env(), PORT);
  });
  afterAll(async () => {
    await svc?.stop();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
  });

  /** Appends an ApplicationSubmitted the way the request service does (its contract in proto/). */
  async function submit(agencyId: string, serviceId: string, submittedAt: string): Promise<void> {
    const applicationId = uuidv7();
    const applicantId = `person-${uuidv7()}`;
    const data = {
      applicationId,
      trackingNumber: `SRG-${applicationId.slice(-6)}`,
      serviceId,
      serviceVersion: 1,
      agencyId,
      applicantId,
      formCiphertext: 'v1.k1.c2VjcmV0',
      documentIds: [],
      submittedAt,
      dueAt: new Date(Date.parse(submittedAt) + 5 * 86_400_000).toISOString(),
    };
    const metadata = { tenant: '3604', occurredAt: submittedAt, schemaVersion: 1, actor: { id: applicantId, role: 'CITIZEN' } };
    const { position } = await store.append(
      `application-${applicationId}`,
      [{ id: uuidv7(), type: 'ApplicationSubmitted', data, metadata }],
      'no_stream',
    );
    lastPosition = position;
  }

  /** Appends an AgencyRegistered the way catalogue's seeding does (proto/serang/catalogue/v1). */
  async function registerAgency(agencyId: string): Promise<void> {
    const data = { agencyId, code: agencyId, nameId: `Dinas ${agencyId}`, nameEn: `${agencyId} office` };
    const metadata = { tenant: '3604', occurredAt: new Date().toISOString(), schemaVersion: 1, actor: { id: 'system', role: 'SYSTEM' } };
    const { position } = await store.append(`agency-${agencyId}`, [{ id: uuidv7(), type: 'AgencyRegistered', data, metadata }], 'no_stream');
    lastPosition = position;
  }

  const caughtUp = () => analyticsCaughtUp(sql, lastPosition);

  async function performance(who: { roles: string[]; agency?: string }, variables: Record<string, unknown> = {}, lang = 'id'): Promise<Result> {
    const token = await issuer.token({ sub: `user-${uuidv7()}`, ...who });
    return gql<{ agencyPerformance: Figures[] }>(svc.url, PERFORMANCE, variables, { authorization: `Bearer ${token}`, 'accept-language': lang });
  }

  const admin = { roles: ['PLATFORM_ADMIN'] };
  const officerOfDisnakertrans = { roles: ['OFFICER'], agency: 'disnakertrans' };
  const adminOfDisdukcapil = { roles: ['AGENCY_ADMIN'], agency: 'disdukcapil' };

  beforeAll(async () => {
    // Catalogue registered four agencies; two of them receive nothing.
    for (const agencyId of ['bapenda', 'dinsos', 'disdukcapil', 'disnakertrans']) await registerAgency(agencyId);
    // Disnakertrans: 3 AK/1 cards and 1 job fair registration; Disdukcapil: 2 birth certificates.
    await submit('disnakertrans', 'disnakertrans-ak1', '2026-03-01T02:00:00.000Z');
    await submit('disnakertrans', 'disnakertrans-ak1', '2026-03-01T09:00:00.000Z');
    // 18:00 UTC on 1 March is 01:00 WIB on 2 March: it counts on the 2nd.
    await submit('disnakertrans', 'disnakertrans-ak1', '2026-03-01T18:00:00.000Z');
    await submit('disnakertrans', 'disnakertrans-job-fair', '2026-03-05T03:00:00.000Z');
    await submit('disdukcapil', 'disdukcapil-akta-lahir', '2026-02-27T03:00:00.000Z');
    await submit('disdukcapil', 'disdukcapil-akta-lahir', '2026-03-02T03:00:00.000Z');
    await caughtUp();
  });

  const disnakertrans: Figures = {
    agencyId: 'disnakertrans',
    submitted: 4,
    byService: [
      { serviceId: 'disnakertrans-ak1', submitted: 3 },
      { serviceId: 'disnakertrans-job-fair', submitted: 1 },
    ],
  };
  const disdukcapil: Figures = { agencyId: 'disdukcapil', submitted: 2, byService: [{ serviceId: 'disdukcapil-akta-lahir', submitted: 2 }] };
  const nothing = (agencyId: string) => ({ agencyId, submitted: 0, byService: [], agency: { id: agencyId } });
  /** The agencies that received something: what the period tests count. */
  const busy = (r: Result) => r.data!.agencyPerformance.filter((f) => f.submitted > 0);

  it('shows the platform admin every registered agency, counted per service, zeros included', async () => {
    const res = await performance(admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.agencyPerformance).toEqual([
      nothing('bapenda'),
      nothing('dinsos'),
      { ...disdukcapil, agency: { id: 'disdukcapil' } },
      { ...disnakertrans, agency: { id: 'disnakertrans' } },
    ]);
    const one = await performance(admin, { agencyId: 'disdukcapil' });
    expect(one.data!.agencyPerformance).toMatchObject([disdukcapil]);
  });

  it('shows officers and agency admins their own agency only', async () => {
    expect((await performance(officerOfDisnakertrans)).data!.agencyPerformance).toMatchObject([disnakertrans]);
    expect((await performance(officerOfDisnakertrans, { agencyId: 'disnakertrans' })).data!.agencyPerformance).toMatchObject([disnakertrans]);
    expect((await performance(adminOfDisdukcapil)).data!.agencyPerformance).toMatchObject([disdukcapil]);
    // An agency with nothing yet still answers, with zeros.
    expect((await performance({ roles: ['OFFICER'], agency: 'dinsos' })).data!.agencyPerformance).toEqual([
      { agencyId: 'dinsos', submitted: 0, byService: [], agency: { id: 'dinsos' } },
    ]);
  });

  it("refuses an officer another agency's figures, and citizens and strangers all figures", async () => {
    const other = await performance(officerOfDisnakertrans, { agencyId: 'disdukcapil' }, 'en');
    expect(other.data).toBeNull();
    expect(other.errors?.[0]).toMatchObject({
      message: 'You can only see the performance of your own agency.',
      extensions: { code: 'FORBIDDEN', reason: 'ANALYTICS.OTHER_AGENCY' },
    });
    const citizen = await performance({ roles: ['CITIZEN'] });
    expect(citizen.errors?.[0]).toMatchObject({ message: 'Anda tidak berhak melakukan ini.', extensions: { code: 'FORBIDDEN' } });
    const officerWithoutAgency = await performance({ roles: ['OFFICER'] });
    expect(officerWithoutAgency.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ANALYTICS.NOT_ALLOWED' });
    const anonymous = await gql(svc.url, PERFORMANCE);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('counts within a period of whole Jakarta days, both ends included', async () => {
    const march1 = await performance(admin, { period: { from: '2026-03-01', to: '2026-03-01' } });
    expect(busy(march1)).toMatchObject([{ agencyId: 'disnakertrans', submitted: 2 }]);
    expect(march1.data!.agencyPerformance.map((f) => f.agencyId)).toEqual(['bapenda', 'dinsos', 'disdukcapil', 'disnakertrans']); // the quiet ones with zeros
    const march2to5 = await performance(admin, { period: { from: '2026-03-02', to: '2026-03-05' } });
    expect(busy(march2to5)).toMatchObject([
      { agencyId: 'disdukcapil', submitted: 1 },
      {
        agencyId: 'disnakertrans',
        submitted: 2,
        byService: [
          { serviceId: 'disnakertrans-ak1', submitted: 1 },
          { serviceId: 'disnakertrans-job-fair', submitted: 1 },
        ],
      },
    ]);
    const untilFeb = await performance(adminOfDisdukcapil, { period: { to: '2026-02-28' } });
    expect(untilFeb.data!.agencyPerformance).toMatchObject([{ agencyId: 'disdukcapil', submitted: 1 }]);
    const fromMarch3 = await performance(officerOfDisnakertrans, { period: { from: '2026-03-03' } });
    expect(fromMarch3.data!.agencyPerformance).toMatchObject([{ agencyId: 'disnakertrans', submitted: 1 }]);
  });

  it('explains a bad period per field in the caller language', async () => {
    const notADate = await performance(admin, { period: { from: '2026-02-30' } }, 'en');
    expect(notADate.errors?.[0]).toMatchObject({
      message: 'The period is not valid.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'PERIOD.INVALID', fields: { 'period.from': 'Use a date in the format YYYY-MM-DD.' } },
    });
    const backwards = await performance(admin, { period: { from: '2026-03-05', to: '2026-03-01' } });
    expect(backwards.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'period.to': 'Tanggal akhir tidak boleh sebelum tanggal awal.' },
    });
  });

  it("extends catalogue's Agency entity with its performance, under the same rules", async () => {
    const query = `query ($r: [_Any!]!, $period: PeriodInput) { _entities(representations: $r) { ... on Agency { id performance(period: $period) { submitted } } } }`;
    const r = [{ __typename: 'Agency', id: 'disnakertrans' }];
    const asOfficer = await gql<{ _entities: Array<{ id: string; performance: { submitted: number } | null }> }>(
      svc.url,
      query,
      { r, period: { from: '2026-03-02' } },
      { authorization: `Bearer ${await issuer.token({ sub: 'o-1', ...officerOfDisnakertrans })}` },
    );
    expect(asOfficer.data!._entities).toEqual([{ id: 'disnakertrans', performance: { submitted: 2 } }]);
    const asOtherAdmin = await gql<{ _entities: Array<{ id: string; performance: unknown }> }>(
      svc.url,
      query,
      { r },
      { authorization: `Bearer ${await issuer.token({ sub: 'a-1', ...adminOfDisdukcapil })}` },
    );
    expect(asOtherAdmin.data!._entities).toEqual([{ id: 'disnakertrans', performance: null }]);
    expect(asOtherAdmin.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ANALYTICS.OTHER_AGENCY' });
  });

  it('counts each submission once across a restart and even a redelivery of every event from the start', async () => {
    await svc.stop();
    await submit('disdukcapil', 'disdukcapil-akta-lahir', '2026-03-06T03:00:00.000Z');
    svc = await startServiceProcess(ENTRY, env(), PORT);
    await caughtUp();
    expect(busy(await performance(admin))).toMatchObject([
      { agencyId: 'disdukcapil', submitted: 3 },
      { agencyId: 'disnakertrans', submitted: 4 },
    ]);

    await svc.stop();
    // As if the consumer had been reset: no checkpoint, no record of processed events.
    await sql.query(`delete from analytics.consumer_checkpoints; delete from analytics.processed_events`);
    svc = await startServiceProcess(ENTRY, env(), PORT);
    await caughtUp();
    expect(busy(await performance(admin))).toMatchObject([
      { agencyId: 'disdukcapil', submitted: 3 },
      { agencyId: 'disnakertrans', submitted: 4 },
    ]);
    expect((await performance(admin)).data!.agencyPerformance).toHaveLength(4);
  });

  it('learns the agencies on a database from before it consumed them, without counting a submission twice', async () => {
    await svc.stop();
    // As analytics left its database before: no agency table, none of catalogue's events processed.
    await sql.query(`drop table analytics.agencies;
      delete from analytics.processed_events where event_id in (select event_id from eventstore.events where category = 'agency')`);
    svc = await startServiceProcess(ENTRY, env(), PORT);
    await caughtUp();
    const rows = (await performance(admin)).data!.agencyPerformance;
    expect(rows.map((f) => [f.agencyId, f.submitted])).toEqual([
      ['bapenda', 0],
      ['dinsos', 0],
      ['disdukcapil', 3],
      ['disnakertrans', 4],
    ]);
  });

  it('lists an agency that received a submission before its registration arrived', async () => {
    await submit('bpbd', 'bpbd-kaji-cepat', '2026-03-07T03:00:00.000Z');
    await caughtUp();
    const rows = (await performance(admin)).data!.agencyPerformance;
    expect(rows.map((f) => [f.agencyId, f.submitted])).toEqual([
      ['bapenda', 0],
      ['bpbd', 1],
      ['dinsos', 0],
      ['disdukcapil', 3],
      ['disnakertrans', 4],
    ]);
  });
});
