import {
  createTestDatabase,
  startServiceProcess,
  startTestIssuer,
  testPort,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
} from '@serang/testing';
import { Client } from 'pg';

/**
 * A process told to stop exits within SHUTDOWN_TIMEOUT_SECONDS even when its shutdown hangs: here
 * a request is stuck behind a table lock, so analytics' HTTP server and pool wait for it, and the
 * gateway's drain waits for the request it forwarded. The lock is held until both have exited.
 */
describe('shutdown within a deadline (a service and the gateway, real processes, a stuck query)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let locker: Client;
  let analytics: RunningProcess;
  let gateway: RunningProcess;

  const startBoth = async () => {
    // NODE_ENV as under `npm start`, not jest's 'test': Apollo installs its own signal handlers then.
    const env = {
      DATABASE_URL: db.url,
      IDENTITY_JWKS_URL: issuer.jwksUrl,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_SECONDS: '2',
      NODE_ENV: 'development',
    };
    analytics = await startServiceProcess('services/analytics/src/main.ts', env, testPort(4810));
    gateway = await startServiceProcess(
      'gateway/src/main.ts',
      { ...env, SUBGRAPH_ANALYTICS_URL: `${analytics.url}/graphql`, HOST: '127.0.0.1' },
      testPort(4811),
    );
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('shutdown_deadline');
    await startBoth();
    locker = new Client({ connectionString: db.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.query('rollback').catch(() => undefined);
    await locker?.end();
    await gateway?.stop();
    await analytics?.stop();
    await db?.drop();
    await issuer?.close();
  });

  it('stops cleanly and at once when nothing is stuck (exit code 0, not by the deadline or a signal)', async () => {
    const [gatewayCode, analyticsCode] = await Promise.all([gateway.stop(), analytics.stop()]);
    expect([gatewayCode, analyticsCode]).toEqual([0, 0]);
    expect(gateway.output()).toContain('"msg":"gateway stopped"');
    expect(analytics.output()).toContain('"msg":"analytics stopped"');
    expect(gateway.output() + analytics.output()).not.toContain('did not stop');
  });

  it('exits on its own, saying so, while a query it serves is stuck', async () => {
    await startBoth();
    await locker.query('begin');
    await locker.query('lock table analytics.daily_submissions in access exclusive mode');
    const token = await issuer.token({ sub: 'admin-1', roles: ['PLATFORM_ADMIN'] });
    const stuck = fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ agencyPerformance { agencyId submitted } }' }),
    }).catch((e: unknown) => e);
    // The query has reached PostgreSQL and waits on the lock.
    await until(async () => {
      const probe = new Client({ connectionString: db.url });
      await probe.connect();
      try {
        const { rows } = await probe.query(
          `select 1 from pg_stat_activity where datname = $1 and application_name = 'analytics' and wait_event_type = 'Lock'`,
          [db.name],
        );
        return rows.length > 0;
      } finally {
        await probe.end();
      }
    }, 'the query waits on the lock');

    // Both get SIGTERM; each exits by itself (exit code 1, not the helper's SIGKILL after 15 s).
    const [gatewayCode, analyticsCode] = await Promise.all([gateway.stop(), analytics.stop()]);
    expect(gatewayCode).toBe(1);
    expect(analyticsCode).toBe(1);
    expect(gateway.output()).toContain('gateway did not stop within 2000 ms; exiting anyway');
    expect(analytics.output()).toContain('analytics did not stop within 2000 ms; exiting anyway');
    // Throughout, the lock was held: nothing but the deadline let them go.
    expect(
      (
        await locker.query(
          `select count(*)::int as n from pg_locks where locktype = 'relation' and mode = 'AccessExclusiveLock' and pid = pg_backend_pid()`,
        )
      ).rows[0].n,
    ).toBeGreaterThan(0);
    await locker.query('rollback');
    await stuck;
  });
});

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
