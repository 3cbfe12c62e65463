/**
 * npm run bench:relay — events per second from the event store through the relay onto the Kafka
 * broker (EventRelay: idempotent producer, acks=all, one request in flight, checkpoint after each
 * acknowledged batch), against the broker's own ProducerPerformance tool measured in the same run
 * (same jars, same value size, acks=all, idempotent), and events per second from the relayed topic
 * into a read model (KafkaEventConsumer + EventProcessor, one row per event). Median of RUNS runs,
 * each on fresh categories, topics and consumer groups, interleaved so drift hits all alike.
 *
 * Own embedded PostgreSQL (.data/bench/relay-postgres) and own Kafka broker (.data/bench/kafka),
 * started here and stopped by PID at the end when this process started them.
 *
 * env: BENCH_RUNS (default 3), BENCH_EVENTS per run (default 20000), BENCH_STREAMS (default 200),
 *      BENCH_WARMUP (default 1: one uncounted round of each at a tenth of the events),
 *      BENCH_PG_PORT (15435), BENCH_KAFKA_PORT (19392; the controller gets the next port),
 *      BENCH_DIAGNOSTICS (default 1: once, ProducerPerformance with 10× the events, and kafkajs
 *      alone with the relay's messages stripped of their headers)
 */
import { createPool } from '@serang/db';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { PostgresEventStore, type EventStore, type NewEvent, type RecordedEvent } from '@serang/eventstore';
import { ensureDatabase, ensureEmbeddedPostgres, ensureKafkaBroker, kafkaVersion, stopEmbeddedPostgres, stopKafkaBroker } from '@serang/local-infra';
import { EventProcessor, EventRelay, KafkaEventConsumer, dlqTopicOf, toKafkaMessage, topicOf, type EventHandler } from '@serang/messaging';
import { median, sleep, table } from '../lib/measure';
import { runProducerPerformance, stopProducerPerformance, type ProducerPerformanceResult } from './producer-performance';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const WARMUP = (process.env.BENCH_WARMUP ?? '1') !== '0';
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 15435);
const KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19392);
const PARTITIONS = 3;
const RELAY_BATCH = 500;
/** Events per append call while setting up (big batches: setup is not what is measured). */
const APPEND_CHUNK = 100;
/** Target size of the protobuf value of each event on Kafka (a realistic small event). */
const VALUE_BYTES = 200;
const TIMEOUT_MS = 10 * 60_000;
/**
 * A consumer whose read model gains no row for this long has stalled. (Found by this bench: until
 * libs/messaging resolved each batch's offset, kafkajs re-fetched the first 1 MB per partition
 * forever and a 20,000-event backlog stopped at ~4,600 rows.)
 */
const STALL_MS = 30_000;
const DIAGNOSTICS = (process.env.BENCH_DIAGNOSTICS ?? '1') !== '0';

const PG_DIR = resolve(__dirname, '../../.data/bench/relay-postgres');
const KAFKA_DIR = resolve(__dirname, '../../.data/bench/kafka');
const DATABASE = 'bench_relay';
const RELAY_SCHEMA = 'bench_relay';
const CONSUMER_SCHEMA = 'bench_consumer';
const READ_MODEL_SCHEMA = 'bench_read_model';
const SOURCE = (context: string) => `/serang/${context}`;
const benchId = randomBytes(3).toString('hex');

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
/** This process's CPU time (user + system) since `from`, in seconds. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};

/** The `Counted` test contract {n int32, note string}; n ≥ 16384 keeps its varint at 3 bytes, so every value has one size. */
function counted(n: number, note: string): NewEvent {
  return {
    id: uuidv7(),
    type: 'Counted',
    data: { n: 16_384 + n, note },
    metadata: {
      tenant: '3604',
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
      actor: { id: 'u1', role: 'CITIZEN' },
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    },
  };
}

function asRecorded(e: NewEvent, streamId: string): RecordedEvent {
  return { ...e, streamId, revision: 123n, position: 1_234_567n, recordedAt: new Date() };
}

/** The Kafka message the relay sends for an event: value, key and header bytes. */
function wireSize(e: NewEvent, streamId: string, context: string): { value: number; key: number; headers: number } {
  const m = toKafkaMessage(asRecorded(e, streamId), SOURCE(context));
  const headers = Object.entries(m.headers ?? {}).reduce((sum, [k, v]) => sum + k.length + Buffer.byteLength(String(v)), 0);
  return { value: (m.value as Buffer).length, key: Buffer.byteLength(String(m.key)), headers };
}

/** A note that brings the encoded value to exactly VALUE_BYTES. */
function paddedNote(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789 ';
  const text = Array.from(randomBytes(VALUE_BYTES), (b) => chars[b % chars.length]).join('');
  for (let len = VALUE_BYTES; len > 0; len--) {
    const note = text.slice(0, len);
    if (wireSize(counted(0, note), 'x-1', 'x').value <= VALUE_BYTES) return note;
  }
  throw new Error('cannot pad the Counted event');
}

async function until(what: string, cond: () => Promise<boolean>, intervalMs = 20, progress?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  let nextReport = Date.now() + 10_000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${TIMEOUT_MS / 1000} s${progress ? ` (${await progress()})` : ''}`);
    if (progress && Date.now() > nextReport) {
      console.error(`  … waiting for ${what}: ${await progress()}`);
      nextReport = Date.now() + 10_000;
    }
    await sleep(intervalMs);
  }
}

/** Where the relay's time goes, per batch: reading the store, sending until acked, saving the checkpoint. */
interface RelayProfile {
  batches: number;
  readMs: number;
  sendMs: number;
  checkpointMs: number;
}

/** The store as the relay sees it, timing each batch handed to the relay (decorator, no change to the relay). */
function profiled(store: EventStore, profile: RelayProfile, acked: { at: bigint }): EventStore {
  let lastEnd: bigint | undefined;
  return {
    append: (...a) => store.append(...a),
    readStream: (...a) => store.readStream(...a),
    readAll: (...a) => store.readAll(...a),
    close: () => store.close(),
    subscribeAll: (options, handler) =>
      store.subscribeAll(options, async (events) => {
        const start = process.hrtime.bigint();
        if (lastEnd !== undefined) profile.readMs += Number(start - lastEnd) / 1e6;
        await handler(events);
        const end = process.hrtime.bigint();
        profile.batches++;
        profile.sendMs += Number(acked.at - start) / 1e6;
        profile.checkpointMs += Number(end - acked.at) / 1e6;
        lastEnd = end;
      }),
  };
}

interface Infra {
  store: PostgresEventStore;
  pool: Pool;
  kafka: Kafka;
  bootstrap: string;
  note: string;
  topics: string[];
}

function onError(message: string, details: Record<string, unknown>): void {
  console.error(`  ! ${message} ${JSON.stringify(details)}`);
}

async function createTopic(infra: Infra, topic: string): Promise<void> {
  const admin = infra.kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    infra.topics.push(topic);
  } finally {
    await admin.disconnect();
  }
}

/** Appends `n` events to a fresh category, round-robin over STREAMS streams, APPEND_CHUNK events per append. */
async function appendCategory(infra: Infra, category: string, n: number): Promise<{ last: bigint; seconds: number }> {
  const perStream: NewEvent[][] = Array.from({ length: Math.min(STREAMS, n) }, () => []);
  for (let i = 0; i < n; i++) perStream[i % perStream.length].push(counted(i, infra.note));
  const t0 = process.hrtime.bigint();
  let last = 0n;
  for (let from = 0; from < perStream[0].length; from += APPEND_CHUNK) {
    const results = await Promise.all(
      perStream
        .filter((events) => events.length > from)
        .map((events, s) =>
          infra.store.append(`${category}-s${s}`, events.slice(from, from + APPEND_CHUNK), from === 0 ? 'no_stream' : BigInt(from - 1)),
        ),
    );
    for (const r of results) if (r.position > last) last = r.position;
  }
  return { last, seconds: seconds(t0) };
}

interface RelayResult {
  perSecond: number;
  seconds: number;
  /** CPU of this (the relay's) Node process over the measurement, as a share of one core. */
  cpuShare: number;
  appendSeconds: number;
  startMs: number;
  profile: RelayProfile;
  topic: string;
}

async function relayRound(infra: Infra, tag: string, n: number): Promise<RelayResult> {
  const category = `benchrelay${tag}`;
  const context = `bench-${tag}`;
  const topic = topicOf(context);
  const { last, seconds: appendSeconds } = await appendCategory(infra, category, n);
  // Created beforehand, like ProducerPerformance's topic: creating it is not relaying.
  await createTopic(infra, topic);
  infra.topics.push(dlqTopicOf(topic));

  const profile: RelayProfile = { batches: 0, readMs: 0, sendMs: 0, checkpointMs: 0 };
  const acked = { at: 0n };
  const relay = new EventRelay({
    store: profiled(infra.store, profile, acked),
    db: infra.pool,
    schema: RELAY_SCHEMA,
    kafka: infra.kafka,
    context,
    categories: [category],
    partitions: PARTITIONS,
    batchSize: RELAY_BATCH,
    onError,
    afterAck: () => {
      acked.at = process.hrtime.bigint();
    },
  });
  const relayId = `relay:${topic}`;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await relay.start();
  const startMs = seconds(t0) * 1000;
  let elapsed: number;
  try {
    let at = 0n;
    let progressAt = Date.now();
    await until(`relay checkpoint at ${last}`, async () => {
      const { rows } = await infra.pool.query<{ position: string }>(`select position from ${RELAY_SCHEMA}.relay_checkpoints where consumer_id = $1`, [
        relayId,
      ]);
      const now = rows.length > 0 ? BigInt(rows[0].position) : 0n;
      if (now > at) [at, progressAt] = [now, Date.now()];
      else if (Date.now() - progressAt > STALL_MS) throw new Error(`relay stalled: checkpoint at ${at} of ${last}, unmoved for ${STALL_MS / 1000} s`);
      return now >= last;
    });
    elapsed = seconds(t0);
  } finally {
    await relay.stop();
  }
  return { perSecond: n / elapsed, seconds: elapsed, cpuShare: cpuSeconds(cpu0) / elapsed, appendSeconds, startMs, profile, topic };
}

interface ConsumerResult {
  perSecond: number;
  seconds: number;
  /** From start() until the first row is in the read model: connecting, joining the group, first fetch. */
  firstRowSeconds: number;
  /** Events per second after the first row: the steady rate. */
  steadyPerSecond: number;
}

async function consumerRound(infra: Infra, tag: string, topic: string, n: number): Promise<ConsumerResult> {
  const table = `${READ_MODEL_SCHEMA}.applied_${tag}`;
  await infra.pool.query(
    `create table ${table} (seq bigserial primary key, event_id uuid not null, stream_id text not null, revision bigint not null, n int not null)`,
  );
  const record: EventHandler = async (e, { tx }) => {
    await tx.query(`insert into ${table} (event_id, stream_id, revision, n) values ($1, $2, $3, $4)`, [
      e.id,
      e.streamId,
      e.revision.toString(),
      Number(e.data.n),
    ]);
  };
  const groupId = `bench.read-model.${tag}`;
  const processor = new EventProcessor({
    db: infra.pool,
    schema: CONSUMER_SCHEMA,
    consumerId: groupId,
    handlerFor: (type) => (type === 'Counted' ? record : undefined),
    onError,
  });
  const consumer = new KafkaEventConsumer({
    kafka: infra.kafka,
    groupId,
    topics: [topic],
    db: infra.pool,
    processor,
    partitions: PARTITIONS,
    onError,
  });
  const count = async () => Number((await infra.pool.query<{ c: string }>(`select count(*) as c from ${table}`)).rows[0].c);
  const t0 = process.hrtime.bigint();
  let firstRowSeconds: number;
  let elapsed: number;
  try {
    await consumer.start();
    await until('first row in the read model', async () => (await count()) > 0, 5);
    firstRowSeconds = seconds(t0);
    let rows = 0;
    let progressAt = Date.now();
    await until(
      `${n} rows in the read model`,
      async () => {
        const now = await count();
        if (now > rows) [rows, progressAt] = [now, Date.now()];
        else if (Date.now() - progressAt > STALL_MS) throw new Error(`consumer stalled: ${rows} of ${n} rows, none added for ${STALL_MS / 1000} s`);
        return now >= n;
      },
      20,
      async () => `${rows} rows`,
    );
    elapsed = seconds(t0);
  } finally {
    await consumer.stop();
  }
  const rows = await count();
  if (rows !== n) throw new Error(`read model holds ${rows} rows, expected ${n}`);
  return { perSecond: n / elapsed, seconds: elapsed, firstRowSeconds, steadyPerSecond: n / (elapsed - firstRowSeconds) };
}

/**
 * Diagnostic: the relay's own Kafka client and producer settings with nothing else — the same
 * messages (built in the loop, as the relay does), RELAY_BATCH per send, one send at a time.
 */
async function kafkajsRound(infra: Infra, tag: string, n: number, headers = true): Promise<{ perSecond: number; seconds: number; cpuShare: number }> {
  const context = `bench-${tag}-kafkajs`;
  const topic = topicOf(context);
  await createTopic(infra, topic);
  const events = Array.from({ length: n }, (_, i) => asRecorded(counted(i, infra.note), `benchrelay${tag}-s${i % STREAMS}`));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const producer = infra.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let from = 0; from < n; from += RELAY_BATCH) {
      const messages = events.slice(from, from + RELAY_BATCH).map((e) => toKafkaMessage(e, SOURCE(context)));
      await producer.send({ topic, acks: -1, messages: headers ? messages : messages.map(({ key, value }) => ({ key, value })) });
    }
  } finally {
    await producer.disconnect();
  }
  const elapsed = seconds(t0);
  return { perSecond: n / elapsed, seconds: elapsed, cpuShare: cpuSeconds(cpu0) / elapsed };
}

async function producerPerformanceRound(infra: Infra, tag: string, n: number, recordSize: number): Promise<ProducerPerformanceResult> {
  const topic = `bench.producer-performance.${tag}`;
  await createTopic(infra, topic);
  return runProducerPerformance({ bootstrap: infra.bootstrap, topic, records: n, recordSize });
}

let cleanup: (() => Promise<void>) | undefined;

async function main(): Promise<void> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const pg = await ensureEmbeddedPostgres({ dataDir: PG_DIR, port: PG_PORT });
  let broker: Awaited<ReturnType<typeof ensureKafkaBroker>> | undefined;
  let infra: Infra | undefined;
  let cleaning: Promise<void> | undefined;
  // Once, and every caller waits for it (a signal and main's finally may both call it).
  cleanup = () => (cleaning ??= stopAll());
  const stopAll = async (): Promise<void> => {
    stopProducerPerformance();
    if (infra) {
      // Tidy the broker's disk: this bench's topics only.
      const admin = infra.kafka.admin();
      await admin
        .connect()
        .then(() => admin.deleteTopics({ topics: infra!.topics, timeout: 10_000 }))
        .catch(() => undefined)
        .finally(() => admin.disconnect());
      await infra.store.close().catch(() => undefined);
      await infra.pool.end().catch(() => undefined);
    }
    if (broker?.startedHere) await stopKafkaBroker(KAFKA_DIR);
    if (pg.startedHere) await stopEmbeddedPostgres(PG_DIR);
  };
  try {
    broker = await ensureKafkaBroker({
      dataDir: KAFKA_DIR,
      port: KAFKA_PORT,
      controllerPort: KAFKA_PORT + 1,
      onLog: (line) => {
        if (line.startsWith('kafka: ')) console.error(line);
      },
    });

    const admin = new Client({ connectionString: pg.url });
    await admin.connect();
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.end();
    const url = await ensureDatabase(pg.url, DATABASE);
    const pool = createPool({ connectionString: url, max: 6, name: 'bench' });
    const store = await PostgresEventStore.connect({ connectionString: url });
    const kafka = new Kafka({
      clientId: `bench-relay-${benchId}`,
      brokers: [broker.bootstrap],
      logLevel: process.env.BENCH_KAFKA_LOG ? logLevel.INFO : logLevel.NOTHING,
      retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 12 },
    });
    infra = { store, pool, kafka, bootstrap: broker.bootstrap, note: paddedNote(), topics: [] };
    await pool.query(`create schema ${READ_MODEL_SCHEMA}`);

    const size = wireSize(counted(EVENTS, infra.note), 'benchrelayxxxxxxxxx-s199', 'bench-xxxxxxxxxx');
    const settings = (await pool.query("select name, setting from pg_settings where name in ('synchronous_commit','fsync','server_version')")).rows;
    console.log(
      `Kafka ${kafkaVersion()} on ${broker.bootstrap} (${broker.startedHere ? 'started by this bench' : 'already running'}); PostgreSQL: ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`,
    );
    console.log(
      `${RUNS} runs × ${EVENTS} events over ${STREAMS} streams; ${PARTITIONS} partitions; relay batch ${RELAY_BATCH}; ` +
        `value ${size.value} B (relay messages also carry a ${size.key} B key and ${size.headers} B of CloudEvents headers; ProducerPerformance sends the value only)`,
    );
    console.log(
      `load average at the start: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );

    if (WARMUP) {
      const n = Math.max(1000, Math.round(EVENTS / 10));
      const r = await relayRound(infra, `${benchId}w`, n);
      await consumerRound(infra, `${benchId}w`, r.topic, n);
      await kafkajsRound(infra, `${benchId}w`, n);
      await producerPerformanceRound(infra, `${benchId}w`, n, size.value);
      console.log(`warm-up done (${n} events each, not counted)`);
    }

    const relayRates: number[] = [];
    const consumerRates: number[] = [];
    const steadyRates: number[] = [];
    const ppRates: number[] = [];
    const kafkajsRates: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const tag = `${benchId}r${run}`;
      const r = await relayRound(infra, tag, EVENTS);
      relayRates.push(r.perSecond);
      const p = r.profile;
      console.log(
        `run ${run}  relay                ${r.perSecond.toFixed(0).padStart(7)} events/s  (${r.seconds.toFixed(2)} s, Node CPU ${(r.cpuShare * 100).toFixed(0)}% of a core; start ${r.startMs.toFixed(0)} ms; ` +
          `${p.batches} batches, per batch: read ${(p.readMs / Math.max(1, p.batches - 1)).toFixed(1)} ms, send+ack ${(p.sendMs / p.batches).toFixed(1)} ms, ` +
          `checkpoint ${(p.checkpointMs / p.batches).toFixed(1)} ms; setup append ${r.appendSeconds.toFixed(1)} s)`,
      );
      const c = await consumerRound(infra, tag, r.topic, EVENTS);
      consumerRates.push(c.perSecond);
      steadyRates.push(c.steadyPerSecond);
      console.log(
        `run ${run}  consumer             ${c.perSecond.toFixed(0).padStart(7)} events/s  (${c.seconds.toFixed(2)} s; first row after ${(c.firstRowSeconds * 1000).toFixed(0)} ms, ` +
          `then ${c.steadyPerSecond.toFixed(0)} events/s)`,
      );
      const k = await kafkajsRound(infra, tag, EVENTS);
      kafkajsRates.push(k.perSecond);
      console.log(
        `run ${run}  kafkajs alone        ${k.perSecond.toFixed(0).padStart(7)} events/s  (${k.seconds.toFixed(2)} s, Node CPU ${(k.cpuShare * 100).toFixed(0)}% of a core; the relay's messages and producer settings, no store, no checkpoint)`,
      );
      const pp = await producerPerformanceRound(infra, tag, EVENTS, size.value);
      ppRates.push(pp.recordsPerSecond);
      console.log(
        `run ${run}  ProducerPerformance  ${pp.recordsPerSecond.toFixed(0).padStart(7)} records/s (${pp.mbPerSecond} MB/s, avg latency ${pp.avgLatencyMs} ms, ` +
          `p99 ${pp.p99Ms} ms; process wall time ${pp.wallSeconds.toFixed(2)} s with JVM startup)`,
      );
    }

    const relay = median(relayRates);
    const consumer = median(consumerRates);
    const pp = median(ppRates);
    console.log('\nMedians (events/s):');
    console.log(
      table([
        { measure: 'relay: event store → Kafka (acks=all, idempotent)', 'events/s': relay.toFixed(0) },
        { measure: 'ProducerPerformance (acks=all, idempotent, same value size)', 'events/s': pp.toFixed(0) },
        { measure: 'consumer: Kafka → read model (from start)', 'events/s': consumer.toFixed(0) },
        { measure: 'consumer: Kafka → read model (after first row)', 'events/s': median(steadyRates).toFixed(0) },
        { measure: 'diagnostic: kafkajs alone, relay messages and settings', 'events/s': median(kafkajsRates).toFixed(0) },
      ]),
    );
    console.log('\nRatios:');
    console.log(
      table([
        {
          'relay / ProducerPerformance': (relay / pp).toFixed(3),
          'consumer / ProducerPerformance': (consumer / pp).toFixed(3),
          'consumer / relay': (consumer / relay).toFixed(2),
          'relay / kafkajs alone': (relay / median(kafkajsRates)).toFixed(2),
        },
      ]),
    );
    if (DIAGNOSTICS) {
      console.log('\nDiagnostics (one run each):');
      const long = await producerPerformanceRound(infra, `${benchId}long`, EVENTS * 10, size.value);
      console.log(
        `ProducerPerformance, ${EVENTS * 10} records (JIT and batching warmed up): ${long.recordsPerSecond.toFixed(0)} records/s ` +
          `(${long.mbPerSecond} MB/s, avg latency ${long.avgLatencyMs} ms) — ${(long.recordsPerSecond / pp).toFixed(2)}× the ${EVENTS}-record median`,
      );
      const bare = await kafkajsRound(infra, `${benchId}bare`, EVENTS, false);
      console.log(
        `kafkajs alone, the relay's messages without their ${size.headers} B of headers: ${bare.perSecond.toFixed(0)} events/s ` +
          `(Node CPU ${(bare.cpuShare * 100).toFixed(0)}% of a core) — ${(bare.perSecond / median(kafkajsRates)).toFixed(2)}× with headers`,
      );
    }
    console.log(
      `\nload average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await cleanup();
  }
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping what this bench started`);
    void (cleanup?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
