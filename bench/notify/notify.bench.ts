/**
 * npm run bench:notify — how fast notification turns events into provider calls, against the
 * provider's own ceiling measured in the same run, and how long a burst of messages takes to drain.
 *
 * 1. The recording server's ceiling: a real HTTP server on 127.0.0.1 answering 200 at once, driven
 *    by closed loops of the same POST the dispatcher makes (fetch, the same JSON body size, as many
 *    loops as the dispatcher keeps in flight) — requests per second.
 * 2. The burst: BENCH_MESSAGES `ApplicationSubmitted` events (one applicant each) appended at once
 *    to the event store; notification (its own process, sandbox sink = the recording server, the
 *    SMS channel configured) projects each into the inbox and the outbox and the dispatcher sends
 *    them. Measured: from the first append to the last call received — the drain time — and
 *    messages per second over it, as a ratio of the ceiling. Every message must arrive exactly once
 *    (distinct keys) and none may fail.
 *
 * Own embedded PostgreSQL (.data/bench/notify-postgres), started here and stopped by PID at the end
 * when this process started it. env: BENCH_MESSAGES (10000), BENCH_PG_PORT (15438), BENCH_PORT
 * (4990), BENCH_RATE (unset: no limit; e.g. 200 sets NOTIFICATION_RATE_LIMITS=sms=200).
 */
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { PostgresEventStore } from '@serang/eventstore';
import { ensureDatabase, ensureEmbeddedPostgres } from '@serang/local-infra';
import { startServiceProcess } from '@serang/testing';
import { closedLoop, sleep, table } from '../lib/measure';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 15438);
const PORT = Number(process.env.BENCH_PORT ?? 4990);
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
/** The dispatcher's batch: how many calls it keeps in flight per channel. */
const IN_FLIGHT = 20;
const APPEND_CONCURRENCY = 16;
const TIMEOUT_MS = 15 * 60_000;
const PG_DIR = resolve(__dirname, '../../.data/bench/notify-postgres');
const SAMPLE_BODY = JSON.stringify({
  channel: 'sms',
  key: uuidv7(),
  recipientId: uuidv7(),
  subject: 'Permohonan diterima',
  text: 'Permohonan diterima: Permohonan SRG-2026-000001 telah diterima. Target selesai: 31 Desember 2026.',
});

async function main(): Promise<void> {
  const pg = await ensureEmbeddedPostgres({ dataDir: PG_DIR, port: PG_PORT });
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query('drop database if exists bench_notify with (force)');
  await admin.end();
  const databaseUrl = await ensureDatabase(pg.url, 'bench_notify');

  // The recording server: answers at once, keeps each key and when it came.
  const arrivals = new Map<string, number>();
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const key = req.headers['idempotency-key'];
      if (typeof key === 'string' && !arrivals.has(key)) arrivals.set(key, Date.now());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const sinkUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sink`;

  // 1. Its ceiling, with the client the dispatcher uses.
  const ceiling = await closedLoop(IN_FLIGHT, 5_000, async () => {
    const r = await fetch(sinkUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'ceiling' },
      body: SAMPLE_BODY,
    });
    await r.text();
  });
  arrivals.clear();
  calls = 0;

  // 2. The burst through notification.
  const svc = await startServiceProcess(
    'services/notification/src/main.ts',
    {
      DATABASE_URL: databaseUrl,
      IDENTITY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      LOG_LEVEL: 'error',
      NOTIFICATION_SANDBOX_URL: sinkUrl,
      SMS_GATEWAY_URL: 'https://sms.example.id/send',
      ...(RATE ? { NOTIFICATION_RATE_LIMITS: `sms=${RATE}` } : {}),
    },
    PORT,
  );
  const store = await PostgresEventStore.connect({ connectionString: databaseUrl, poolSize: APPEND_CONCURRENCY });
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  let failed = 0;
  let appendSeconds = 0;
  let drainSeconds = 0;
  try {
    const t0 = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: APPEND_CONCURRENCY }, async () => {
        for (let i = next++; i < MESSAGES; i = next++) {
          const applicationId = uuidv7();
          const applicantId = uuidv7();
          const at = new Date().toISOString();
          const data = {
            applicationId,
            trackingNumber: `SRG-2026-${String(i + 1).padStart(6, '0')}`,
            serviceId: 'disnakertrans-ak1',
            serviceVersion: 1,
            agencyId: 'disnakertrans',
            applicantId,
            formCiphertext: 'v1.k1.eA==',
            documentIds: [],
            submittedAt: at,
            dueAt: '2026-12-31T16:59:59.999Z',
            status: 'SUBMITTED',
          };
          const metadata = { tenant: '3604', occurredAt: at, schemaVersion: 1, actor: { id: applicantId, role: 'CITIZEN' } };
          await store.append(`application-${applicationId}`, [{ id: uuidv7(), type: 'ApplicationSubmitted', data, metadata }], 'no_stream');
        }
      }),
    );
    appendSeconds = (Date.now() - t0) / 1000;
    const deadline = Date.now() + TIMEOUT_MS;
    while (arrivals.size < MESSAGES) {
      if (Date.now() > deadline) throw new Error(`only ${arrivals.size} of ${MESSAGES} messages arrived`);
      await sleep(200);
    }
    drainSeconds = (Math.max(...arrivals.values()) - t0) / 1000;
    await sleep(1_000);
    const { rows } = await sql.query<{ status: string; n: number }>('select status, count(*)::int as n from notification.deliveries group by status');
    failed = rows.filter((r) => r.status !== 'delivered').reduce((n, r) => n + r.n, 0);
  } finally {
    await sql.end();
    await store.close();
    await svc.stop();
    server.close();
    server.closeAllConnections();
    if (pg.startedHere) await pg.stop();
  }

  const perSecond = MESSAGES / drainSeconds;
  console.log(
    table([
      { measure: 'recording server ceiling (fetch, 20 in flight)', value: `${ceiling.perSecond.toFixed(0)} calls/s` },
      { measure: `events → provider calls (${MESSAGES} burst${RATE ? `, limit ${RATE}/s` : ''})`, value: `${perSecond.toFixed(0)} calls/s` },
      { measure: 'ratio notification / ceiling', value: (perSecond / ceiling.perSecond).toFixed(2) },
      { measure: `drain time of the burst (first append → last call)`, value: `${drainSeconds.toFixed(1)} s` },
      { measure: 'of which appending the burst', value: `${appendSeconds.toFixed(1)} s` },
      { measure: 'messages received (distinct keys) / calls', value: `${arrivals.size} / ${calls}` },
      { measure: 'not delivered', value: String(failed) },
      { measure: 'load average (1 min) at the end', value: loadavg()[0].toFixed(2) },
    ]),
  );
  if (failed > 0 || arrivals.size !== MESSAGES) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
