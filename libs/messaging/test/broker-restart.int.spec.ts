import { createPool } from '@serang/db';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { ensureKafkaBroker, stopKafkaBroker } from '@serang/local-infra';
import { PostgresEventStore } from '@serang/eventstore';
import { createTestDatabase, TEST_DATA_DIR, testPort, type TestDatabase } from '@serang/testing';
import { EventProcessor, EventRelay, KafkaEventConsumer, topicOf } from '../src';
import { appliedRows, counted, expectExactlyOnceInOrder, kafkaClient, rand, setupReadModel, testHandlers, until } from './fixtures/harness';

/** A broker of its own: stopping the shared one would disturb the other test files. */
const dataDir = resolve(TEST_DATA_DIR, 'kafka-restart');
const port = Number(process.env.SERANG_TEST_KAFKA_RESTART_PORT ?? testPort(19292));
const startBroker = () => ensureKafkaBroker({ dataDir, port, controllerPort: port + 1 });

describe('Kafka broker stopped and restarted under traffic', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    await startBroker();
    db = await createTestDatabase('restart');
    pool = createPool({ connectionString: db.url, max: 6, name: 'test' });
    store = await PostgresEventStore.connect({ connectionString: db.url, pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
    await stopKafkaBroker(dataDir);
  });

  it('resumes relay and consumer after the broker comes back, with nothing lost or doubled', async () => {
    const kafka = kafkaClient([`127.0.0.1:${port}`]);
    const ctx = `t${rand()}`;
    const category = `rs${rand()}`;
    const schema = `c_${rand()}`;
    await setupReadModel(pool, schema);
    const relay = new EventRelay({
      store,
      db: pool,
      schema: 'producer_svc',
      kafka,
      context: ctx,
      categories: [category],
      partitions: 3,
      batchSize: 20,
    });
    const processor = new EventProcessor({ db: pool, schema, consumerId: `g${rand()}`, handlerFor: testHandlers(schema) });
    const consumer = new KafkaEventConsumer({
      kafka,
      groupId: processor.consumerId,
      topics: [topicOf(ctx)],
      db: pool,
      processor,
      partitions: 3,
      sessionTimeoutMs: 6000,
    });
    await relay.start();
    await consumer.start();
    try {
      const ids: string[] = [];
      const revisions = new Map<number, bigint>();
      const write = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const s = i % 5;
          const e = counted(ids.length);
          const r = await store.append(`${category}-s${s}`, [e], revisions.get(s) ?? 'no_stream');
          revisions.set(s, r.nextExpectedRevision);
          ids.push(e.id);
          await new Promise((res) => setTimeout(res, 10));
        }
      };
      await write(50);
      await until(async () => (await appliedRows(pool, schema)).length >= 20, 60_000, 'traffic flowing');
      await stopKafkaBroker(dataDir);
      await write(50); // accepted by the store while the broker is down
      await startBroker();
      await write(50);
      await until(async () => (await appliedRows(pool, schema)).length >= 150, 120_000, 'everything applied after the restart');
      await new Promise((r) => setTimeout(r, 500));
      expectExactlyOnceInOrder(await appliedRows(pool, schema), ids);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });
});
