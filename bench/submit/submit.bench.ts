/**
 * npm run bench:submit — submitApplication per second through the gateway, 16 concurrent clients,
 * default mode (event store subscriptions), against the very same submissions sent straight to
 * the request subgraph in the same run: the ratio is the gateway's overhead (token check,
 * revocation check, limits, query planning, one hop). p50/p99 latency of each. Rounds alternate
 * gateway and direct so drift hits both alike; the median of BENCH_RUNS rounds is reported.
 *
 * The service is the job-fair registration (the surge the platform must absorb); each client is a
 * registered citizen with its documents uploaded once and referenced by every submission, each
 * submission with its own idempotency key. "Rate limits lifted": nothing throttles submissions
 * (uploads, which are limited per process, happen before the measurement).
 *
 * env: BENCH_RUNS (default 3), BENCH_SECONDS per measurement (default 8), BENCH_CLIENTS (16)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { attachDocuments } from '@serang/testing/src/upload-fixtures';
import { median, sleep, table } from '../lib/measure';
import { startBenchPlatform } from '../lib/platform';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const BASE_PORT = 4720;
const FORM = JSON.stringify({ education: 'SMA', preferredSectors: ['MANUFAKTUR', 'LOGISTIK_PERGUDANGAN'], session: 'PAGI', phone: '081234567890' });
const MUTATION = 'mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id trackingNumber status dueAt } }';

interface Client16 {
  token: string;
  documents: Array<{ requirement: string; documentId: string }>;
}

interface Round {
  perSecond: number;
  p50: number;
  p99: number;
}

/** `clients` closed loops for `seconds`; counts completed submissions and their latencies. */
async function measure(url: string, clients: Client16[], seconds: number): Promise<Round> {
  const latencies: number[] = [];
  let counting = false;
  let stop = false;
  const loops = clients.map(async (c) => {
    while (!stop) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
        body: JSON.stringify({
          query: MUTATION,
          variables: { i: { serviceId: 'disnakertrans-job-fair', formData: FORM, documents: c.documents, idempotencyKey: randomUUID() } },
        }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      if (!body.data) throw new Error(`submission failed: ${JSON.stringify(body.errors)}`);
      if (counting) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  });
  await sleep(1000); // warm-up
  counting = true;
  const t0 = process.hrtime.bigint();
  await sleep(seconds * 1000);
  counting = false;
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  stop = true;
  await Promise.all(loops);
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { perSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99) };
}

async function main(): Promise<void> {
  // 16 clients submitting flat out are a flood to the gateway's rate limits: the load generator is exempt.
  const bench = await startBenchPlatform('submit', 15439, BASE_PORT, { SLA_SCAN_INTERVAL_SECONDS: '0', RATE_LIMIT_EXEMPT: '127.0.0.1' });
  const { platform } = bench;
  try {
    const gateway = platform.gatewayUrl;
    const direct = `${platform.urls.request}/graphql`;
    const clients: Client16[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await fetch(gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { accessToken } }',
          variables: {
            i: {
              nik: `3604012${String(1 + (i % 9))}0590${String(2000 + i)}`,
              name: `Pencari Kerja ${i}`,
              email: `bench.submit.${i}.${randomBytes(3).toString('hex')}@example.id`,
              phone: '081234567890',
              password: 'Bench-password-2026',
            },
          },
        }),
      });
      const token = ((await res.json()) as { data: { registerCitizen: { accessToken: string } } }).data.registerCitizen.accessToken;
      clients.push({ token, documents: await attachDocuments(platform.urls.gateway, token, ['KTP', 'CV']) });
    }
    // Request learns the seeded job fair from catalogue's events; wait until a submission goes through.
    for (let tries = 0; ; tries++) {
      try {
        await measure(direct, clients.slice(0, 1), 0.2);
        break;
      } catch (e) {
        if (tries > 100) throw e;
        await sleep(200);
      }
    }
    const rounds: Array<{ gateway: Round; direct: Round }> = [];
    for (let r = 0; r < RUNS; r++) {
      const viaGateway = await measure(gateway, clients, SECONDS);
      const straight = await measure(direct, clients, SECONDS);
      rounds.push({ gateway: viaGateway, direct: straight });
      console.log(
        `round ${r + 1}: gateway ${viaGateway.perSecond.toFixed(1)}/s (p50 ${viaGateway.p50.toFixed(1)} ms, p99 ${viaGateway.p99.toFixed(1)} ms), direct ${straight.perSecond.toFixed(1)}/s (p50 ${straight.p50.toFixed(1)} ms, p99 ${straight.p99.toFixed(1)} ms)`,
      );
    }
    const m = (pick: (x: { gateway: Round; direct: Round }) => number) => median(rounds.map(pick));
    console.log(`\nbench:submit — ${CLIENTS} concurrent clients, job-fair registrations, ${RUNS} rounds × ${SECONDS} s each way, median\n`);
    console.log(
      table([
        {
          path: 'through the gateway',
          'submissions/s': m((x) => x.gateway.perSecond).toFixed(1),
          'p50 ms': m((x) => x.gateway.p50).toFixed(1),
          'p99 ms': m((x) => x.gateway.p99).toFixed(1),
        },
        {
          path: 'straight to the request subgraph',
          'submissions/s': m((x) => x.direct.perSecond).toFixed(1),
          'p50 ms': m((x) => x.direct.p50).toFixed(1),
          'p99 ms': m((x) => x.direct.p99).toFixed(1),
        },
      ]),
    );
    console.log(
      `\nratio gateway / direct: ${(m((x) => x.gateway.perSecond) / m((x) => x.direct.perSecond)).toFixed(2)} (the gateway's overhead: 1 − ratio)`,
    );
  } finally {
    await bench.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
