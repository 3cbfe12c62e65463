import { createPool } from '@serang/db';
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { PostgresEventStore, type NewEvent } from '@serang/eventstore';
import { createTestDatabase, testKafkaBrokers, type TestDatabase } from '@serang/testing';
import { dlqTopicOf, EventProcessor, EventRelay, KafkaEventConsumer, topicOf } from '../src';
import {
  appliedRows,
  counted,
  expectExactlyOnceInOrder,
  kafkaClient,
  poisonous,
  rand,
  setupReadModel,
  testHandlers,
  until,
} from './fixtures/harness';

const RUN_TS = resolve(__dirname, '../../../scripts/run-ts.js');

describe('Kafka delivery (real broker)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let kafka: Kafka;
  const brokers = testKafkaBrokers();
  const stoppers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    db = await createTestDatabase('kafka');
    pool = createPool({ connectionString: db.url, max: 8, name: 'test' });
    store = await PostgresEventStore.connect({ connectionString: db.url, pollIntervalMs: 100 });
    kafka = kafkaClient(brokers);
  });
  afterEach(async () => {
    while (stoppers.length) await stoppers.pop()!();
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  async function startRelay(context: string, category: string, partitions = 4): Promise<EventRelay> {
    const relay = new EventRelay({ store, db: pool, schema: 'producer_svc', kafka, context, categories: [category], partitions, batchSize: 50 });
    await relay.start();
    stoppers.push(() => relay.stop());
    return relay;
  }

  async function startConsumer(schema: string, groupId: string, topic: string): Promise<{ consumer: KafkaEventConsumer; processor: EventProcessor }> {
    await setupReadModel(pool, schema);
    const processor = new EventProcessor({
      db: pool,
      schema,
      consumerId: groupId,
      handlerFor: testHandlers(schema),
      retry: { attempts: 3, backoffMs: 10 },
    });
    const consumer = new KafkaEventConsumer({ kafka, groupId, topics: [topic], db: pool, processor, partitions: 4, sessionTimeoutMs: 6000 });
    await consumer.start();
    stoppers.push(() => consumer.stop());
    return { consumer, processor };
  }

  async function appendStreams(category: string, streams: number, perStream: number, make = (n: number) => counted(n)): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < perStream; i++) {
      await Promise.all(
        Array.from({ length: streams }, async (_, s) => {
          const e = make(s * 1000 + i);
          ids.push(e.id);
          await store.append(`${category}-s${s}`, [e], i === 0 ? 'no_stream' : BigInt(i - 1));
        }),
      );
    }
    return ids;
  }

  /** Every message on a topic, read by a throwaway consumer group. */
  async function readTopic(topic: string, atLeast: number): Promise<KafkaMessage[]> {
    const messages: KafkaMessage[] = [];
    const c = kafka.consumer({ groupId: `reader-${rand()}` });
    await c.connect();
    await c.subscribe({ topic, fromBeginning: true });
    await c.run({ eachMessage: async ({ message }) => void messages.push(message) });
    try {
      await until(() => messages.length >= atLeast, 60_000, `${atLeast} messages on ${topic}`);
    } finally {
      await c.disconnect();
    }
    return messages;
  }

  it('relays every stream in order across partitions, as CloudEvents in binary mode', async () => {
    const ctx = `t${rand()}`;
    const category = `ord${rand()}`;
    const ids = await appendStreams(category, 30, 10);
    await startRelay(ctx, category, 4);
    const messages = await readTopic(topicOf(ctx), 300);
    expect(messages).toHaveLength(300);
    const byKey = new Map<string, number[]>();
    for (const m of messages) {
      const key = m.key!.toString();
      byKey.set(key, [...(byKey.get(key) ?? []), Number(m.headers!.ce_streamrevision!.toString())]);
    }
    expect(byKey.size).toBe(30);
    for (const revisions of byKey.values()) expect(revisions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(messages.map((m) => m.headers!.ce_id!.toString()))).toEqual(new Set(ids));
    const h = messages[0].headers!;
    expect(Object.keys(h)).toEqual(
      expect.arrayContaining(['ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'tenant', 'traceparent', 'ce_specversion']),
    );
    expect(h.ce_type!.toString()).toBe('Counted');
    expect(h.ce_source!.toString()).toBe(`/serang/${ctx}`);
    expect(h.ce_subject!.toString()).toBe(messages[0].key!.toString());
    expect(h.tenant!.toString()).toBe('3604');
    expect(h['content-type']!.toString()).toBe('application/protobuf');
    expect(h.ce_dataschema!.toString()).toBe('serang.testing.v1.Counted');
  });

  it('absorbs the resend of a relay killed between the broker ack and its checkpoint', async () => {
    const ctx = `t${rand()}`;
    const category = `crash${rand()}`;
    const ids = await appendStreams(category, 5, 20);
    const child = fork(RUN_TS, [resolve(__dirname, 'fixtures/relay-child.ts')], {
      env: { ...process.env, DB_URL: db.url, SCHEMA: 'producer_svc', CONTEXT: ctx, CATEGORY: category, BROKERS: brokers.join(','), BATCH: '40' },
      stdio: 'inherit',
    });
    const exit = await new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    expect(exit).toBe('SIGKILL');
    await startRelay(ctx, category);
    const group = `g${rand()}`;
    await startConsumer('consumer_svc', group, topicOf(ctx));
    await until(async () => (await appliedRows(pool, 'consumer_svc')).filter((r) => ids.includes(r.event_id)).length >= 100, 60_000, 'all applied');
    const onTopic = await readTopic(topicOf(ctx), 140);
    const ceIds = onTopic.map((m) => m.headers!.ce_id!.toString());
    expect(ceIds.length).toBeGreaterThan(new Set(ceIds).size); // the first 40 really were sent twice
    await new Promise((r) => setTimeout(r, 500)); // give a stray duplicate the chance to show
    expectExactlyOnceInOrder(
      (await appliedRows(pool, 'consumer_svc')).filter((r) => ids.includes(r.event_id)),
      ids,
    );
  });

  it('loses and duplicates nothing when a consumer is killed mid-batch and restarted', async () => {
    const ctx = `t${rand()}`;
    const category = `kill${rand()}`;
    const schema = `c_${rand()}`;
    await setupReadModel(pool, schema);
    const ids = await appendStreams(category, 6, 30);
    await startRelay(ctx, category);
    const env = {
      ...process.env,
      MODE: 'kafka',
      DB_URL: db.url,
      SCHEMA: schema,
      CONSUMER_ID: `g${rand()}`,
      TOPIC: topicOf(ctx),
      BROKERS: brokers.join(','),
      SLOW_MS: '15',
    };
    const count = async () => (await appliedRows(pool, schema)).length;
    const first: ChildProcess = fork(RUN_TS, [resolve(__dirname, 'fixtures/consumer-child.ts')], { env, stdio: 'inherit' });
    await until(async () => (await count()) > 20, 60_000, 'first consumer applied some');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(await count()).toBeLessThan(180);
    const second = fork(RUN_TS, [resolve(__dirname, 'fixtures/consumer-child.ts')], { env: { ...env, SLOW_MS: '0' }, stdio: 'inherit' });
    stoppers.push(async () => {
      second.kill('SIGKILL');
      await new Promise((r) => second.once('exit', r));
    });
    await until(async () => (await count()) >= 180, 90_000, 'second consumer caught up');
    await new Promise((r) => setTimeout(r, 500));
    expectExactlyOnceInOrder(await appliedRows(pool, schema), ids);
  });

  it('parks a poisoned stream (DLQ), lets other streams through, and redrives it in order', async () => {
    const ctx = `t${rand()}`;
    const category = `poison${rand()}`;
    const schema = `c_${rand()}`;
    await startRelay(ctx, category);
    const group = `g${rand()}`;
    const { processor } = await startConsumer(schema, group, topicOf(ctx));
    const a: NewEvent[] = [poisonous(1, false), poisonous(2, true), poisonous(3, false)];
    await store.append(`${category}-a`, a, 'no_stream');
    const b = poisonous(10, false);
    await store.append(`${category}-b`, [b], 'no_stream');
    await until(async () => (await appliedRows(pool, schema)).some((r) => r.event_id === b.id), 60_000, 'stream b applied');
    await until(async () => (await processor.parkedStreams()).length === 1, 30_000, 'stream a parked');
    const held = await store.append(`${category}-a`, [poisonous(4, false)], 2n);
    expect(held.nextExpectedRevision).toBe(3n);
    await until(async () => (await processor.parkedStreams())[0]?.events === 3, 30_000, 'later event held behind the poison');
    // Streams a and b live in different partitions: only the order within a stream is defined.
    expect((await appliedRows(pool, schema)).map((r) => r.n).sort((x, y) => x - y)).toEqual([1, 10]);
    const [parked] = await processor.parkedStreams();
    expect(parked).toMatchObject({ streamId: `${category}-a`, events: 3 });
    expect(parked.firstError).toContain('poisonous event n=2');

    const dlq = await readTopic(dlqTopicOf(topicOf(ctx)), 3);
    expect(dlq.map((m) => [m.headers!.ce_type!.toString(), m.headers!.dlq_reason!.toString()])).toEqual([
      ['Poisonous', 'handler-failed'],
      ['Poisonous', 'stream-parked'],
      ['Poisonous', 'stream-parked'],
    ]);
    expect(dlq[0].headers!.dlq_error!.toString()).toContain('poisonous event n=2');

    // Still failing: redrive changes nothing.
    expect(await processor.redrive(`${category}-a`)).toEqual({ applied: 0, remaining: 3 });
    await pool.query(`update ${schema}.cure set cured = true`);
    expect(await processor.redrive(`${category}-a`)).toEqual({ applied: 3, remaining: 0 });
    const rows = await appliedRows(pool, schema);
    expect(rows.filter((r) => r.stream_id === `${category}-a`).map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(rows.filter((r) => r.stream_id === `${category}-b`).map((r) => r.n)).toEqual([10]);
    expect(await processor.parkedStreams()).toEqual([]);
    const after = poisonous(5, false);
    await store.append(`${category}-a`, [after], 3n);
    await until(async () => (await appliedRows(pool, schema)).some((r) => r.event_id === after.id), 30_000, 'stream a flows again');
  });

  it('consumes a backlog far larger than one fetch (1 MB per partition)', async () => {
    const ctx = `t${rand()}`;
    const category = `big${rand()}`;
    const schema = `c_${rand()}`;
    const note = 'x'.repeat(900);
    for (let s = 0; s < 6; s++)
      await store.append(
        `${category}-s${s}`,
        Array.from({ length: 500 }, (_, i) => counted(s * 1000 + i, note)),
        'no_stream',
      );
    await startRelay(ctx, category, 1);
    await startConsumer(schema, `g${rand()}`, topicOf(ctx));
    await until(async () => (await appliedRows(pool, schema)).length >= 3000, 90_000, '3000 events (about 3 MB) applied');
    expect(await appliedRows(pool, schema)).toHaveLength(3000);
  });

  it('carries the trace context through Kafka to the handler', async () => {
    const ctx = `t${rand()}`;
    const category = `trace${rand()}`;
    const schema = `c_${rand()}`;
    await startRelay(ctx, category);
    await startConsumer(schema, `g${rand()}`, topicOf(ctx));
    await store.append(`${category}-1`, [counted(1)], 'no_stream');
    await until(async () => (await appliedRows(pool, schema)).length === 1);
    expect((await appliedRows(pool, schema))[0].traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });
});
