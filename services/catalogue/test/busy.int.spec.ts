import { createPool, type GuardedPool } from '@serang/db';
import { createTestDatabase, gql, startServiceProcess, testPort, type RunningProcess, type TestDatabase } from '@serang/testing';

/**
 * Issue #10, item 1: a service whose database connections are all taken answers TOO_MANY_REQUESTS
 * with a retry hint within seconds (not a hang, not a 500), says so on /health/ready meanwhile, and
 * recovers by itself. The connections are taken the way a slow database takes them: the table
 * every query needs is locked by another session, so each query holds its connection waiting.
 */
describe('a service with every database connection busy (catalogue process, real PostgreSQL)', () => {
  const PORT = testPort(4906);
  let db: TestDatabase;
  let svc: RunningProcess;
  let pg: GuardedPool;

  beforeAll(async () => {
    db = await createTestDatabase('catalogue_busy');
    svc = await startServiceProcess(
      'services/catalogue/src/main.ts',
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: `http://127.0.0.1:${testPort(4901)}/.well-known/jwks.json`,
        LOG_LEVEL: 'warn',
        DB_POOL_MAX: '2',
        DB_POOL_ACQUIRE_TIMEOUT_MS: '700',
      },
      PORT,
    );
    pg = createPool({ connectionString: db.url, max: 2, name: 'test' });
    // Seeded and projected: the agencies are there.
    for (let i = 0; i < 100; i++) {
      const r = await gql<{ agencies: unknown[] }>(svc.url, '{ agencies { id } }');
      if (r.data?.agencies.length === 30) break;
      await new Promise((res) => setTimeout(res, 100));
    }
  });
  afterAll(async () => {
    await svc?.stop();
    await pg?.end();
    await db?.drop();
  });

  it('answers TOO_MANY_REQUESTS with retryAfter while its pool is exhausted, is not ready meanwhile, and serves again afterwards', async () => {
    const locker = await pg.connect();
    let calls: Array<Promise<Awaited<ReturnType<typeof gql>>>> = [];
    try {
      await locker.query('begin');
      await locker.query('lock table catalogue.agencies in access exclusive mode');
      calls = Array.from({ length: 6 }, () => gql(svc.url, '{ agencies { id } }', {}, { 'accept-language': 'en' }));
      // Two queries hold the two connections, waiting on the lock; the others wait for a connection.
      const refusedOrWaiting = await Promise.race([Promise.all(calls.slice(2)), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
      expect(refusedOrWaiting).not.toBe('hung');
      const refused = (refusedOrWaiting as Array<Awaited<ReturnType<typeof gql>>>).filter(
        (r) => r.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS',
      );
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0].errors![0].extensions).toMatchObject({ reason: 'SERVICE.BUSY', retryAfter: 1 });
      expect(refused[0].errors![0].message).toBe('The service is busy; try again in 1 s.');
      const ready = await fetch(`${svc.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toContain('saturated');
    } finally {
      await locker.query('rollback');
      locker.release();
    }
    // The two that held connections finish once the lock is gone.
    const held = await Promise.all(calls.slice(0, 2));
    expect(held.every((r) => !r.errors)).toBe(true);
    // Ready again once no caller has been turned away for a few seconds.
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await fetch(`${svc.url}/health/ready`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await gql<{ agencies: unknown[] }>(svc.url, '{ agencies { id } }')).data?.agencies).toHaveLength(30);
  });
});
