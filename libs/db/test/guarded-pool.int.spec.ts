import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { GuardedPool, inTransaction, NestedAcquireError, PoolExhaustedError } from '../src';

describe('GuardedPool: acquire timeouts and the nested-acquire guard (real PostgreSQL)', () => {
  let db: TestDatabase;
  const pools: GuardedPool[] = [];
  const pool = (opts: Partial<ConstructorParameters<typeof GuardedPool>[0]> = {}) => {
    const p = new GuardedPool({ connectionString: db.url, name: 'test', max: 2, acquireTimeoutMs: 500, guard: 'throw', ...opts });
    pools.push(p);
    return p;
  };

  beforeAll(async () => {
    db = await createTestDatabase('guarded_pool');
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
  });

  it('refuses pool.query() and pool.connect() while the same flow holds a connection, naming the pool', async () => {
    const p = pool();
    const tx = await p.connect();
    try {
      await tx.query('begin');
      await expect(p.query('select 1')).rejects.toBeInstanceOf(NestedAcquireError);
      await expect(p.connect()).rejects.toThrow(/pool "test": pool\.connect\(\) while this flow holds a connection/);
      await tx.query('commit');
    } finally {
      tx.release();
    }
    // Released: the same flow may ask again.
    await expect(p.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  it('does the same inside inTransaction, also in functions it calls', async () => {
    const p = pool();
    const helper = async () => (await p.query('select 1')).rowCount;
    await expect(inTransaction(p, async () => helper())).rejects.toBeInstanceOf(NestedAcquireError);
    // The failed transaction gave its connection back: the pool still serves.
    await expect(inTransaction(p, async (tx) => (await tx.query('select 2 as two')).rows[0].two)).resolves.toBe(2);
  });

  it('lets independent flows run side by side (a sibling of a holder is not a holder)', async () => {
    const p = pool();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holder = inTransaction(p, async (tx) => {
      await tx.query('select 1');
      await gate;
    });
    const sibling = (async () => {
      await new Promise((r) => setTimeout(r, 20));
      return (await p.query('select 3 as three')).rows[0].three;
    })();
    await expect(sibling).resolves.toBe(3);
    release();
    await holder;
    // And the flow that awaited a holder is no holder once it returned.
    await expect(p.query('select 4 as four')).resolves.toMatchObject({ rows: [{ four: 4 }] });
  });

  it('does not count a background task started while holding once the connection is released', async () => {
    const p = pool();
    let later!: Promise<unknown>;
    await inTransaction(p, async (tx) => {
      await tx.query('select 1');
      later = new Promise((r) => setTimeout(r, 50)).then(() => p.query('select 5'));
    });
    await expect(later).resolves.toMatchObject({ rowCount: 1 });
  });

  it('answers "busy" within the acquire timeout when every connection is taken, and recovers by itself', async () => {
    const p = pool({ max: 1, acquireTimeoutMs: 300 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holder = inTransaction(p, async (tx) => {
      await tx.query('select 1');
      await gate;
    });
    await new Promise((r) => setTimeout(r, 20));
    const refused = await p.query('select 1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PoolExhaustedError);
    expect((refused as PoolExhaustedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(p.saturated()).toBe(true);
    release();
    await holder;
    await expect(p.query('select 1')).resolves.toMatchObject({ rowCount: 1 });
  });

  it('turns the deadlock pattern into errors instead of a hang: ten holders each asking for a second connection', async () => {
    // Guard off: this is what production code that slipped past the guard would do.
    const p = pool({ max: 2, acquireTimeoutMs: 400, guard: 'off' });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        inTransaction(p, async (tx) => {
          await tx.query('select pg_sleep(0.05)');
          await p.query('select 1');
          return 'ok';
        }).catch((e: unknown) => (e instanceof PoolExhaustedError ? 'busy' : String(e))),
      ),
    );
    expect(outcomes.every((o) => o === 'ok' || o === 'busy')).toBe(true);
    expect(outcomes).toContain('busy');
    // Nothing stays stuck: the pool serves again.
    await expect(p.query('select 1')).resolves.toMatchObject({ rowCount: 1 });
    expect(p.totalCount - p.idleCount).toBe(0);
  });

  it('serialises transactions that name the same advisory lock', async () => {
    const p = pool({ max: 4 });
    await p.query('create table if not exists counter (n int not null)');
    await p.query('insert into counter values (0)');
    await Promise.all(
      Array.from({ length: 8 }, () =>
        inTransaction(
          p,
          async (tx) => {
            const { rows } = await tx.query<{ n: number }>('select n from counter');
            await tx.query('select pg_sleep(0.01)');
            await tx.query('update counter set n = $1', [rows[0].n + 1]);
          },
          { lock: 'counter' },
        ),
      ),
    );
    await expect(p.query('select n from counter')).resolves.toMatchObject({ rows: [{ n: 8 }] });
  });
});
