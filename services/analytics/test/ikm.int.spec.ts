import { PostgresEventStore } from '@serang/eventstore';
import {
  createTestDatabase,
  gql,
  startServiceProcess,
  startTestIssuer,
  testPort,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
} from '@serang/testing';
import { Client } from 'pg';
import { analyticsCaughtUp } from './fixtures/caught-up';
import { v7 as uuidv7 } from 'uuid';

const PORT = testPort(4973);
const IKM = `query ($agencyId: ID, $period: PeriodInput) { agencyPerformance(agencyId: $agencyId, period: $period) { agencyId ikm {
  respondents population minimumSample sufficientSample score grade gradeLabel elements { code nrr }
  byService { serviceId ikm { respondents population score grade } } } } }`;
type Ikm = {
  respondents: number;
  population: number;
  minimumSample: number;
  sufficientSample: boolean;
  score: number | null;
  grade: string | null;
  gradeLabel: string | null;
};

/** The IKM from request's events, in analytics' own process: the hand-worked table of ikm.unit.spec.ts, end to end. */
describe('IKM in analytics (its own process, real PostgreSQL, events from the store)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let last = 0n;

  const append = async (stream: string, type: string, data: object, at: string, expected: 'no_stream' | bigint = 'no_stream') => {
    const metadata = { tenant: '3604', occurredAt: at, schemaVersion: 1, actor: { id: 'someone', role: 'CITIZEN' } };
    const r = await store.append(stream, [{ id: uuidv7(), type, data, metadata }], expected);
    last = r.position;
  };

  /** One application of the PBB certificate: submitted, completed on `endedAt`, and (when given) its survey answered. */
  async function served(endedAt: string, scores?: number[], profile = { sex: 'FEMALE', ageGroup: '30_39', education: 'SMA', occupation: 'SWASTA' }) {
    const applicationId = uuidv7();
    const stream = `application-${applicationId}`;
    const base = { applicationId, serviceId: 'bapenda-pbb-certificate', agencyId: 'bapenda' };
    await append(
      stream,
      'ApplicationSubmitted',
      { ...base, serviceVersion: 1, submittedAt: '2026-03-02T02:00:00.000Z', dueAt: '2026-03-09T16:59:59.999Z' },
      '2026-03-02T02:00:00.000Z',
    );
    await append(
      stream,
      'ApplicationTransitioned',
      { applicationId, action: 'COMPLETE', toStatus: 'COMPLETED', at: endedAt, outcome: 'COMPLETED', version: 2 },
      endedAt,
      0n,
    );
    if (scores)
      await append(
        `feedback-${applicationId}`,
        'SurveyAnswered',
        {
          feedbackId: applicationId,
          ...base,
          respondentId: 'p',
          scores,
          ...profile,
          critiqueCiphertext: '',
          suggestionCiphertext: '',
          answeredAt: endedAt,
        },
        endedAt,
      );
  }

  const caughtUp = () => analyticsCaughtUp(sql, last);

  const as = (who: { roles: string[]; agency?: string }) => issuer.token({ sub: `user-${uuidv7()}`, ...who });
  const report = async (path: string, token?: string) =>
    fetch(new URL(path, svc.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('analytics_ikm');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    svc = await startServiceProcess(
      'services/analytics/src/main.ts',
      { DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, LOG_LEVEL: 'warn' },
      PORT,
    );
    // The hand-worked table: five respondents out of five served in March 2026 (Σ NRR 31.8 → 88.33, A).
    for (const scores of [
      [4, 4, 4, 4, 4, 4, 4, 4, 4],
      [4, 3, 4, 4, 4, 3, 4, 4, 3],
      [3, 3, 4, 4, 3, 4, 4, 3, 3],
      [4, 3, 3, 4, 4, 3, 4, 3, 3],
      [3, 3, 3, 4, 3, 3, 4, 3, 2],
    ])
      await served('2026-03-10T03:00:00.000Z', scores);
    // In July, 20 served and only 2 answered: Krejcie–Morgan asks for 19.
    for (let i = 0; i < 20; i++) await served('2026-07-15T03:00:00.000Z', i < 2 ? Array(9).fill(4) : undefined);
    await caughtUp();
  });
  afterAll(async () => {
    await svc?.stop();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
  });

  it('agencyPerformance carries the IKM: graded in the first semester, insufficient sample in July', async () => {
    const officer = await as({ roles: ['OFFICER'], agency: 'bapenda' });
    const first = await gql<{ agencyPerformance: Array<{ ikm: Ikm & { byService: unknown[]; elements: Array<{ code: string; nrr: number }> } }> }>(
      svc.url,
      IKM,
      { period: { from: '2026-01-01', to: '2026-06-30' } },
      { authorization: `Bearer ${officer}` },
    );
    expect(first.errors).toBeUndefined();
    const ikm = first.data!.agencyPerformance[0].ikm;
    expect(ikm).toMatchObject({
      respondents: 5,
      population: 5,
      minimumSample: 5,
      sufficientSample: true,
      score: 88.33,
      grade: 'A',
      gradeLabel: 'Sangat Baik',
    });
    expect(ikm.elements.map((e) => e.nrr)).toEqual([3.6, 3.2, 3.6, 4, 3.6, 3.4, 4, 3.4, 3]);
    expect(ikm.byService).toEqual([{ serviceId: 'bapenda-pbb-certificate', ikm: { respondents: 5, population: 5, score: 88.33, grade: 'A' } }]);

    const july = await gql<{ agencyPerformance: Array<{ ikm: Ikm }> }>(
      svc.url,
      IKM,
      { period: { from: '2026-07-01', to: '2026-07-31' } },
      { authorization: `Bearer ${officer}` },
    );
    expect(july.data!.agencyPerformance[0].ikm).toMatchObject({
      respondents: 2,
      population: 20,
      minimumSample: 19,
      sufficientSample: false,
      score: 100,
      grade: null,
    });
  });

  it('serves the semester report as CSV in the regulation layout to the agency and platform admins only', async () => {
    const path = '/ikm-reports/bapenda/2026-1.csv';
    const answer = await report(path, await as({ roles: ['AGENCY_ADMIN'], agency: 'bapenda' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    const lines = (await answer.text()).split('\r\n');
    expect(lines).toContain('No. Responden,U1,U2,U3,U4,U5,U6,U7,U8,U9');
    expect(lines).toContain('5,3,3,3,4,3,3,4,3,2');
    expect(lines).toContain('Σ Nilai per unsur,18,16,18,20,18,17,20,17,15');
    expect(lines).toContain('NRR per unsur,3.600,3.200,3.600,4.000,3.600,3.400,4.000,3.400,3.000');
    expect(lines).toContain('NRR tertimbang per unsur (× 1/9),0.400,0.356,0.400,0.444,0.400,0.378,0.444,0.378,0.333');
    expect(lines).toContain('IKM unit pelayanan (× 25),88.33');
    expect(lines).toContain('Mutu pelayanan,A');
    expect(lines).toContain('Kinerja unit pelayanan,Sangat Baik');
    expect(lines).toContain('Jenis Kelamin,Perempuan,5,100.00%');
    expect((await report(path, await as({ roles: ['PLATFORM_ADMIN'] }))).status).toBe(200);
    expect((await report(path, await as({ roles: ['OFFICER'], agency: 'dinsos' }))).status).toBe(403);
    expect((await report(path, await as({ roles: ['CITIZEN'] }))).status).toBe(403);
    expect((await report(path)).status).toBe(401);
    expect((await report('/ikm-reports/bapenda/2026-3.csv', await as({ roles: ['PLATFORM_ADMIN'] }))).status).toBe(404);
  });
});
