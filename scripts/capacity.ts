/**
 * `npm run capacity [-- --check]`: the capacity model (docs/capacity.md). Reads the per-pod rates the
 * benchmarks measured (infra/capacity/rates.json), sizes the platform for the job fair and the
 * national surge, and writes the tables between the markers of docs/capacity.md and the sizing
 * profile charts/serang-tatu/values-jobfair.yaml. `--check` fails when either file is not what the
 * rates give (the static Kubernetes tests run it), so the profile is generated, never hand-tuned.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Figure = { value: number; assumed?: boolean; source: string };
interface Rates {
  measuredOn: string;
  cpuMs: Record<
    | 'argon2PerPasswordOp'
    | 'gatewayPerLogin'
    | 'platformPerSubmission'
    | 'gatewayPerSubmission'
    | 'requestShareOfSubmission'
    | 'postgresPerSubmission'
    | 'perUpload',
    Figure
  >;
  eventsPerSecond: Record<'eventStoreAppends' | 'relayPerProcess' | 'consumerPerProcess', Figure>;
  workload: Record<'passwordOpsPerRegistration' | 'uploadsPerRegistration' | 'eventsPerRegistration' | 'eventBytes', Figure>;
  pods: { coresPerPod: number; targetUtilization: number; minReplicas: number; connectionsPerPod: number; headroom: number };
  scenarios: {
    jobfair: { title: string; registrations: number; shareInWindow: number; windowSeconds: number; peakMinuteFactor: number };
    national: { title: string; registrationsPerSecond: number; durationSeconds: number };
  };
}

const REPO = resolve(__dirname, '..');
const RATES = resolve(REPO, 'infra/capacity/rates.json');
const DOC = resolve(REPO, 'docs/capacity.md');
const PROFILE = resolve(REPO, 'charts/serang-tatu/values-jobfair.yaml');
const COMPONENTS = ['gateway', 'identity', 'catalogue', 'request', 'notification', 'analytics'] as const;
type Component = (typeof COMPONENTS)[number];

interface Sizing {
  rate: number;
  cores: Record<Component, number>;
  replicas: Record<Component, number>;
  eventsPerSecond: number;
  partitions: number;
  pg: { cores: number; appendShare: number; maxConnections: number; storageGiB: number };
}

/** Replicas, partitions and PostgreSQL for a rate of registrations per second. */
function size(r: Rates, rate: number, registrations: number): Sizing {
  const { cpuMs: c, workload: w, pods: p, eventsPerSecond: e } = r;
  const perPod = p.coresPerPod * p.targetUtilization;
  const events = rate * w.eventsPerRegistration.value;
  // Each consumer process keeps up with consumerPerProcess events/s; every context's consumer group
  // reads at most one consumer per partition, so partitions bound the consumers' replicas.
  const consumers = Math.max(p.minReplicas, Math.ceil((events * p.headroom) / e.consumerPerProcess.value));
  const cores: Record<Component, number> = {
    identity: (rate * w.passwordOpsPerRegistration.value * c.argon2PerPasswordOp.value) / 1000,
    gateway:
      (rate *
        (w.passwordOpsPerRegistration.value * c.gatewayPerLogin.value +
          c.gatewayPerSubmission.value +
          w.uploadsPerRegistration.value * c.gatewayPerLogin.value)) /
      1000,
    request: (rate * (c.platformPerSubmission.value * c.requestShareOfSubmission.value + w.uploadsPerRegistration.value * c.perUpload.value)) / 1000,
    catalogue: 0,
    notification: (events * p.coresPerPod) / e.consumerPerProcess.value,
    analytics: (events * p.coresPerPod) / e.consumerPerProcess.value,
  };
  const replicas = Object.fromEntries(COMPONENTS.map((n) => [n, Math.max(p.minReplicas, Math.ceil(cores[n] / perPod))])) as Record<Component, number>;
  replicas.notification = Math.max(replicas.notification, consumers);
  replicas.analytics = Math.max(replicas.analytics, consumers);
  // Replicas beyond the partitions still serve HTTP (identity, request); only their consumers idle.
  const partitions = Math.max(3, Math.ceil(consumers * p.headroom));
  const appendShare = events / e.eventStoreAppends.value;
  // bench:eventstore's ceiling was measured with 2 cores shared by the benchmark: scale by it.
  const pgCores = Math.max(2, Math.ceil(((rate * c.postgresPerSubmission.value) / 1000 + appendShare * 2) * p.headroom));
  const maxConnections = Math.ceil((COMPONENTS.reduce((s, n) => s + Math.ceil(replicas[n] * p.headroom), 0) * p.connectionsPerPod + 20) / 50) * 50;
  const storageGiB = Math.max(20, Math.ceil((registrations * w.eventsPerRegistration.value * w.eventBytes.value * 4) / 2 ** 30 / 10) * 10);
  return { rate, cores, replicas, eventsPerSecond: events, partitions, pg: { cores: pgCores, appendShare, maxConnections, storageGiB } };
}

function scenarios(r: Rates) {
  const j = r.scenarios.jobfair;
  const average = (j.registrations * j.shareInWindow) / j.windowSeconds;
  const peak = average * j.peakMinuteFactor;
  const n = r.scenarios.national;
  return {
    jobfairAverage: size(r, average, j.registrations),
    jobfairPeak: size(r, peak, j.registrations),
    national: size(r, n.registrationsPerSecond, n.registrationsPerSecond * n.durationSeconds),
  };
}

const f1 = (x: number) => x.toFixed(x < 10 ? 2 : 1);

function table(r: Rates): string {
  const s = scenarios(r);
  const cols = [
    ['job fair, 2-hour average', s.jobfairAverage],
    ['job fair, peak minute', s.jobfairPeak],
    [r.scenarios.national.title, s.national],
  ] as const;
  const row = (label: string, f: (z: Sizing) => string) => `| ${label} | ${cols.map(([, z]) => f(z)).join(' | ')} |`;
  const lines = [
    `| | ${cols.map(([t]) => t).join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    row('registrations/s', (z) => f1(z.rate)),
    row('events/s', (z) => f1(z.eventsPerSecond)),
    ...COMPONENTS.map((n) => row(`${n}: cores → replicas`, (z) => `${f1(z.cores[n])} → **${z.replicas[n]}**`)),
    row('Kafka partitions per topic', (z) => `**${z.partitions}**`),
    row('event-store appends (share of the measured ceiling)', (z) => `${(z.pg.appendShare * 100).toFixed(1)} %`),
    row('PostgreSQL cores / max_connections', (z) => `${z.pg.cores} / ${z.pg.maxConnections}`),
    row('PostgreSQL storage for the event', (z) => `${z.pg.storageGiB} GiB`),
  ];
  const inputs = [
    '| input | value | source |',
    '|---|---|---|',
    ...Object.entries({ ...r.cpuMs, ...r.eventsPerSecond, ...r.workload }).map(
      ([k, v]) => `| ${k} | ${v.value}${v.assumed ? ' (**assumed**)' : ''} | ${v.source} |`,
    ),
    `| pods | ${r.pods.coresPerPod} core each, HPA target ${r.pods.targetUtilization * 100} %, ≥ ${r.pods.minReplicas} replicas, ${r.pods.connectionsPerPod} PostgreSQL connections per pod, headroom ×${r.pods.headroom} | chart defaults |`,
  ];
  return [`Rates measured on ${r.measuredOn} (infra/capacity/rates.json):`, '', ...inputs, '', ...lines].join('\n');
}

function profile(r: Rates): string {
  const { jobfairAverage: avg, jobfairPeak: peak } = scenarios(r);
  const h = r.pods.headroom;
  const out = [
    '# GENERATED by `npm run capacity` from infra/capacity/rates.json (docs/capacity.md): do not edit.',
    `# The job-fair sizing, layered over the production profile:`,
    '#   helm upgrade <release> charts/serang-tatu -f values-prod.yaml -f values-jobfair.yaml',
    `# Pre-scaled for the 2-hour average (${f1(avg.rate)} registrations/s), HPA bounds for the peak minute`,
    `# (${f1(peak.rate)}/s) with headroom ×${h}; partitions for the consumers at the peak.`,
  ];
  for (const n of COMPONENTS) {
    const min = Math.max(avg.replicas[n], r.pods.minReplicas);
    const max = Math.max(min, Math.ceil(peak.replicas[n] * h));
    out.push(
      `${n}:`,
      `  replicas: ${min}`,
      `  autoscaling: {enabled: true, minReplicas: ${min}, maxReplicas: ${max}, targetCPUUtilizationPercentage: ${r.pods.targetUtilization * 100}}`,
    );
  }
  out.push('kafka:', `  partitions: ${peak.partitions}`);
  out.push('keda:', '  components:');
  for (const n of ['notification', 'analytics'] as const)
    out.push(
      `    ${n}: {minReplicas: ${Math.max(avg.replicas[n], r.pods.minReplicas)}, maxReplicas: ${Math.min(peak.partitions, Math.ceil(peak.replicas[n] * h))}}`,
    );
  out.push(
    'cloudnativepg:',
    `  resources:`,
    `    requests: {cpu: "${peak.pg.cores}", memory: ${peak.pg.cores * 4}Gi}`,
    `    limits: {cpu: "${peak.pg.cores}", memory: ${peak.pg.cores * 4}Gi}`,
    '  parameters:',
    `    max_connections: "${peak.pg.maxConnections}"`,
    `    shared_buffers: ${peak.pg.cores}GB`,
    '  storage:',
    `    size: ${peak.pg.storageGiB}Gi`,
  );
  return `${out.join('\n')}\n`;
}

function main(): void {
  const rates = JSON.parse(readFileSync(RATES, 'utf8')) as Rates;
  const doc = readFileSync(DOC, 'utf8');
  const [begin, end] = ['<!-- capacity:begin (generated by npm run capacity) -->', '<!-- capacity:end -->'];
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/capacity.md lacks the markers ${begin} … ${end}`);
  const newDoc = `${doc.slice(0, a + begin.length)}\n${table(rates)}\n${doc.slice(b)}`;
  const newProfile = profile(rates);
  if (process.argv.includes('--check')) {
    const stale = [
      newDoc !== doc && 'docs/capacity.md',
      newProfile !== readFileSync(PROFILE, 'utf8') && 'charts/serang-tatu/values-jobfair.yaml',
    ].filter(Boolean);
    if (stale.length) {
      process.stderr.write(`capacity: ${stale.join(' and ')} differ from infra/capacity/rates.json: run npm run capacity\n`);
      process.exit(1);
    }
    process.stdout.write('capacity: docs/capacity.md and values-jobfair.yaml match the measured rates\n');
    return;
  }
  writeFileSync(DOC, newDoc);
  writeFileSync(PROFILE, newProfile);
  process.stdout.write('capacity: wrote docs/capacity.md (tables) and charts/serang-tatu/values-jobfair.yaml\n');
}

main();
