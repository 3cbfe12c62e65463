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

const PORT = testPort(4976);
const FIGURES = `query ($agencyId: ID, $period: PeriodInput) { agencyPerformance(agencyId: $agencyId, period: $period) {
  agencyId complaints { received answered closed slaBreached } } }`;
type Figures = { agencyId: string; complaints: { received: number; answered: number; closed: number; slaBreached: number } };

/**
 * Complaint figures from request's complaint streams, in analytics' own process: a complaint
 * counts for the agency it is with now (routed by triage, forwarded from the wrong door), in the
 * period it was filed; answered, closed (and open again when reopened) and SLA breaches follow it.
 */
describe('complaint figures in agencyPerformance (analytics process, real PostgreSQL, events from the store)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let last = 0n;

  /** One complaint's events, in order, on its own stream. */
  async function complaint(filedAt: string, agencyId: string, steps: Array<[type: string, data: object]>): Promise<string> {
    const complaintId = uuidv7();
    const events = [
      [
        'ComplaintFiled',
        { complaintId, agencyId, categoryCode: 'PELAYANAN_PUBLIK', anonymous: true, pseudonym: 'p-1', filedAt, dueAt: filedAt, warnAt: filedAt },
      ],
      ...steps,
    ] as Array<[string, object]>;
    let expected: 'no_stream' | bigint = 'no_stream';
    for (const [type, data] of events) {
      const metadata = { tenant: '3604', occurredAt: filedAt, schemaVersion: 1, actor: { id: 'p-1', role: 'CITIZEN' } };
      const r = await store.append(`complaint-${complaintId}`, [{ id: uuidv7(), type, data: { complaintId, ...data }, metadata }], expected);
      expected = r.nextExpectedRevision;
      last = r.position;
    }
    return complaintId;
  }

  const caughtUp = () => analyticsCaughtUp(sql, last);

  const as = (who: { roles: string[]; agency?: string }) => issuer.token({ sub: `user-${uuidv7()}`, ...who });
  const figures = async (token: string, variables: Record<string, unknown>) => {
    const r = await gql<{ agencyPerformance: Figures[] }>(svc.url, FIGURES, variables, { authorization: `Bearer ${token}` });
    expect(r.errors).toBeUndefined();
    return r.data!.agencyPerformance;
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('analytics_complaints');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    svc = await startServiceProcess(
      'services/analytics/src/main.ts',
      { DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, LOG_LEVEL: 'warn' },
      PORT,
    );
    const at = '2026-04-06T02:00:00.000Z';
    // Filed to "I don't know which agency", routed to bapenda by triage, answered and closed.
    await complaint(at, '', [
      ['ComplaintVerified', { agencyId: 'bapenda', version: 2, at }],
      ['ComplaintAnswered', { agencyId: 'bapenda', version: 3, at }],
      ['ComplaintClosed', { agencyId: 'bapenda', version: 4, at }],
    ]);
    // Filed at the wrong door (dinsos), forwarded to bapenda, answered, then reopened: open again.
    await complaint(at, 'dinsos', [
      ['ComplaintForwarded', { fromAgencyId: 'dinsos', toAgencyId: 'bapenda', version: 2, at }],
      ['ComplaintAnswered', { agencyId: 'bapenda', version: 3, at }],
      ['ComplaintReopened', { agencyId: 'bapenda', version: 4, at }],
    ]);
    // With bapenda from the start, its SLA breached before any answer.
    await complaint(at, 'bapenda', [['ComplaintSlaBreached', { agencyId: 'bapenda', version: 2, at }]]);
    // Dinsos keeps one of its own; and one filed in another month counts only there.
    await complaint(at, 'dinsos', []);
    await complaint('2026-09-01T02:00:00.000Z', 'bapenda', []);
    await caughtUp();
  });
  afterAll(async () => {
    await svc?.stop();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
  });

  it('counts each complaint for the agency it is with now, in the period it was filed', async () => {
    const officer = await as({ roles: ['OFFICER'], agency: 'bapenda' });
    const [april] = await figures(officer, { period: { from: '2026-04-01', to: '2026-04-30' } });
    expect(april).toEqual({ agencyId: 'bapenda', complaints: { received: 3, answered: 2, closed: 1, slaBreached: 1 } });
    const [year] = await figures(officer, { period: { from: '2026-01-01', to: '2026-12-31' } });
    expect(year.complaints.received).toBe(4);
  });

  it('a platform admin asks any agency (zeros where none was filed); nothing in the table names a complainant', async () => {
    const admin = await as({ roles: ['PLATFORM_ADMIN'] });
    const april = { from: '2026-04-01', to: '2026-04-30' };
    expect((await figures(admin, { agencyId: 'dinsos', period: april }))[0].complaints).toEqual({
      received: 1,
      answered: 0,
      closed: 0,
      slaBreached: 0,
    });
    expect((await figures(admin, { agencyId: 'kesbangpol', period: april }))[0].complaints).toEqual({
      received: 0,
      answered: 0,
      closed: 0,
      slaBreached: 0,
    });
    const { rows } = await sql.query(`select * from analytics.complaints`);
    expect(rows).toHaveLength(5);
    expect(JSON.stringify(rows)).not.toContain('p-1');
  });
});
