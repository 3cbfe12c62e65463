import { createPool } from '@serang/db';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '@serang/eventstore';
import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { EventProcessor, StoreSubscriptionConsumer } from '../src';
import { appliedRows, counted, expectExactlyOnceInOrder, poisonous, rand, setupReadModel, testHandlers, until } from './fixtures/harness';

const RUN_TS = resolve(__dirname, '../../../scripts/run-ts.js');

describe('Default mode: the same consumers fed by the event store subscription', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase('storemode');
    pool = createPool({ connectionString: db.url, max: 8, name: 'test' });
    store = await PostgresEventStore.connect({ connectionString: db.url, pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  function consumer(schema: string, consumerId: string, category: string): { c: StoreSubscriptionConsumer; p: EventProcessor } {
    const p = new EventProcessor({ db: pool, schema, consumerId, handlerFor: testHandlers(schema), retry: { attempts: 2, backoffMs: 5 } });
    return { c: new StoreSubscriptionConsumer({ store, db: pool, schema, processor: p, filter: { categories: [category] }, batchSize: 25 }), p };
  }

  it('loses and duplicates nothing when a consumer process is killed mid-batch and restarted', async () => {
    const category = `k${rand()}`;
    const schema = `c_${rand()}`;
    await setupReadModel(pool, schema);
    const ids: string[] = [];
    for (let s = 0; s < 4; s++) {
      const batch = Array.from({ length: 40 }, (_, i) => counted(s * 100 + i));
      ids.push(...batch.map((e) => e.id));
      await store.append(`${category}-s${s}`, batch, 'no_stream');
    }
    const env = { ...process.env, MODE: 'store', DB_URL: db.url, SCHEMA: schema, CONSUMER_ID: `c${rand()}`, CATEGORY: category, SLOW_MS: '10' };
    const count = async () => (await appliedRows(pool, schema)).length;
    const first = fork(RUN_TS, [resolve(__dirname, 'fixtures/consumer-child.ts')], { env, stdio: 'inherit' });
    await until(async () => (await count()) > 15, 60_000, 'first consumer applied some');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(await count()).toBeLessThan(160);
    const second = fork(RUN_TS, [resolve(__dirname, 'fixtures/consumer-child.ts')], { env: { ...env, SLOW_MS: '0' }, stdio: 'inherit' });
    try {
      await until(async () => (await count()) >= 160, 60_000, 'second consumer caught up');
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      second.kill('SIGKILL');
      await new Promise((r) => second.once('exit', r));
    }
    expectExactlyOnceInOrder(await appliedRows(pool, schema), ids);
  });

  it('applies each event once even with two instances of the same consumer running', async () => {
    const category = `d${rand()}`;
    const schema = `c_${rand()}`;
    await setupReadModel(pool, schema);
    const id = `c${rand()}`;
    const [one, two] = [consumer(schema, id, category), consumer(schema, id, category)];
    await Promise.all([one.c.start(), two.c.start()]);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) {
        const e = counted(i);
        ids.push(e.id);
        await store.append(`${category}-s${i % 3}`, [e], 'any');
      }
      await until(async () => (await appliedRows(pool, schema)).length >= 60, 30_000, 'all applied');
      await new Promise((r) => setTimeout(r, 300));
      expectExactlyOnceInOrder(await appliedRows(pool, schema), ids);
    } finally {
      await Promise.all([one.c.stop(), two.c.stop()]);
    }
  });

  it('parks a poisoned stream, lets other streams through, and redrives it in order', async () => {
    const category = `p${rand()}`;
    const schema = `c_${rand()}`;
    await setupReadModel(pool, schema);
    const { c, p } = consumer(schema, `c${rand()}`, category);
    await c.start();
    try {
      await store.append(`${category}-a`, [poisonous(1, false), poisonous(2, true), poisonous(3, false)], 'no_stream');
      const b = poisonous(10, false);
      await store.append(`${category}-b`, [b], 'no_stream');
      await until(async () => (await appliedRows(pool, schema)).some((r) => r.event_id === b.id), 30_000, 'stream b applied');
      await store.append(`${category}-a`, [poisonous(4, false)], 2n);
      await until(async () => (await p.parkedStreams())[0]?.events === 3, 30_000, 'later event held');
      expect((await appliedRows(pool, schema)).map((r) => r.n)).toEqual([1, 10]);
      await pool.query(`update ${schema}.cure set cured = true`);
      expect(await p.redrive(`${category}-a`)).toEqual({ applied: 3, remaining: 0 });
      expect((await appliedRows(pool, schema)).map((r) => r.n)).toEqual([1, 10, 2, 3, 4]);
      await store.append(`${category}-a`, [poisonous(5, false)], 3n);
      await until(async () => (await appliedRows(pool, schema)).length === 6, 30_000, 'stream a flows again');
    } finally {
      await c.stop();
    }
  });
});
