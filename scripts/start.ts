/**
 * `npm start`: the whole platform on embedded defaults — embedded PostgreSQL in ./.data, the five
 * services and the gateway — with no build step. A process that crashes is restarted with backoff
 * while the others keep serving; after repeated crashes of one process the platform stops (exit
 * code 1). Ctrl-C stops everything within seconds; a restart keeps the data. EVENT_BUS=kafka with
 * KAFKA_BROKERS runs the same services over Kafka; DATABASE_URL points at an external PostgreSQL.
 */
import { resolve } from 'node:path';
import {
  DEFAULT_RESTART_POLICY,
  describeSupervisionEvent,
  devSecrets,
  ensureDatabase,
  ensureEmbeddedPostgres,
  launchPlatform,
  type RestartPolicy,
  type RunningPlatform,
  type RunningPostgres,
} from '@serang/local-infra';

const dataDir = resolve(process.env.SERANG_DATA_DIR ?? '.data');
const say = (msg: string) => process.stdout.write(`[serang] ${msg}\n`);
const running: { pg?: RunningPostgres; platform?: RunningPlatform } = {};
let stopping = false;

/** Stops the platform (bounded: SIGTERM, SIGKILL after a grace), then PostgreSQL, last; exits with `code`. */
async function shutdown(code: number): Promise<never> {
  if (stopping) {
    say('still stopping…');
    return new Promise<never>(() => undefined);
  }
  stopping = true;
  say('stopping…');
  const report = await running.platform?.stop();
  if (report?.killed.length) say(`${report.killed.join(', ')} did not stop in time: killed`);
  await running.pg?.stop();
  say('stopped');
  process.exit(code);
}

/** SERANG_MAX_CRASHES and SERANG_CRASH_WINDOW_SECONDS: when the launcher stops restarting a crashing process. */
function restartPolicy(): RestartPolicy {
  const read = (name: string, fallback: number): number => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      process.stderr.write(`[serang] ${name}: must be a whole number ≥ 1 (got "${raw}")\n`);
      process.exit(78);
    }
    return n;
  };
  return {
    ...DEFAULT_RESTART_POLICY,
    maxCrashes: read('SERANG_MAX_CRASHES', DEFAULT_RESTART_POLICY.maxCrashes),
    windowMs: read('SERANG_CRASH_WINDOW_SECONDS', DEFAULT_RESTART_POLICY.windowMs / 1000) * 1000,
  };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const policy = restartPolicy();
  // Ctrl-C reaches every process of the terminal's group: the services start their own shutdown,
  // and the launcher's SIGTERM (then SIGKILL after a grace) bounds it. A second Ctrl-C changes nothing.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = (running.pg = await ensureEmbeddedPostgres({
      dataDir: resolve(dataDir, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 15432),
    }));
    databaseUrl = await ensureDatabase(pg.url, 'serang');
    say(`embedded PostgreSQL on ${new URL(pg.url).host} (data in ${resolve(dataDir, 'postgres')})`);
  }
  const embeddedDefault = !process.env.DATABASE_URL;
  const secrets = embeddedDefault ? devSecrets(resolve(dataDir, 'dev-secrets.json')) : undefined;
  const env: Record<string, string> = { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  for (const [k, v] of Object.entries(secrets ?? {})) if (!process.env[k]) env[k] = v;
  // Identity's own e-mail (staff invitations) lands as .eml files unless an SMTP server is configured.
  const mailDir = resolve(dataDir, 'mail');
  if (embeddedDefault && !process.env.SMTP_URL && !process.env.MAIL_OUTBOX_DIR) env.MAIL_OUTBOX_DIR = mailDir;
  // Uploaded documents (encrypted) live with the rest of the local data.
  if (!process.env.UPLOADS_DIR) env.UPLOADS_DIR = resolve(dataDir, 'uploads');
  // The embedded default may send agency webhooks over plain http (a receiver on a laptop); a cluster never does.
  if (embeddedDefault && !process.env.NOTIFICATION_WEBHOOK_ALLOW_HTTP) env.NOTIFICATION_WEBHOOK_ALLOW_HTTP = 'true';
  const verbose = process.env.SERANG_VERBOSE === '1';
  say(
    `starting identity, catalogue, request, notification, analytics and the gateway (${process.env.EVENT_BUS === 'kafka' ? `Kafka at ${process.env.KAFKA_BROKERS}` : 'event store subscriptions'})…`,
  );
  const platform = (running.platform = await launchPlatform({
    databaseUrl,
    env,
    onOutput: (name, line) => {
      if (verbose || /"level":(40|50|60)/.test(line) || !line.startsWith('{')) process.stdout.write(`${name.padEnd(12)} ${line}\n`);
    },
    supervise: policy,
    onSupervision: (event) => say(describeSupervisionEvent(event, policy)),
    onGaveUp: (event) => {
      say(`${event.name} could not be kept running: see its last log lines above (SERANG_VERBOSE=1 shows every line)`);
      void shutdown(1);
    },
  }));
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  say(`GraphQL: ${platform.gatewayUrl}`);
  if (secrets) say(`development platform admin: ${secrets.PLATFORM_ADMIN_EMAIL} (password in README, "Development defaults")`);
  if (env.MAIL_OUTBOX_DIR) say(`e-mails (staff invitations) are written to ${env.MAIL_OUTBOX_DIR}`);
  say(
    `a crashed process is restarted (gives up after ${policy.maxCrashes} crashes of one process within ${policy.windowMs / 1000} s); Ctrl-C stops everything`,
  );
}

main().catch(async (e: unknown) => {
  process.stderr.write(`[serang] failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  // The launcher already stopped the processes it started; PostgreSQL too, if it was started here.
  await running.pg?.stop().catch(() => undefined);
  process.exit(1);
});
