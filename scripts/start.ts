/**
 * `npm start`: the whole platform on embedded defaults — embedded PostgreSQL in ./.data, the five
 * services and the gateway — with no build step. Ctrl-C stops everything; a restart keeps the data.
 * EVENT_BUS=kafka with KAFKA_BROKERS runs the same services over Kafka; DATABASE_URL points at an
 * external PostgreSQL.
 */
import { resolve } from 'node:path';
import { devSecrets, ensureDatabase, ensureEmbeddedPostgres, launchPlatform, type RunningPlatform, type RunningPostgres } from '@serang/local-infra';

const dataDir = resolve(process.env.SERANG_DATA_DIR ?? '.data');
const say = (msg: string) => process.stdout.write(`[serang] ${msg}\n`);

async function main(): Promise<void> {
  const t0 = Date.now();
  const running: { pg?: RunningPostgres; platform?: RunningPlatform } = {};
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await running.platform?.stop();
    await running.pg?.stop();
    say('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = (running.pg = await ensureEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: Number(process.env.EMBEDDED_PG_PORT ?? 15432) }));
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
  const verbose = process.env.SERANG_VERBOSE === '1';
  say(`starting identity, catalogue, request, notification, analytics and the gateway (${process.env.EVENT_BUS === 'kafka' ? `Kafka at ${process.env.KAFKA_BROKERS}` : 'event store subscriptions'})…`);
  const platform = (running.platform = await launchPlatform({
    databaseUrl,
    env,
    onOutput: (name, line) => {
      if (verbose || /"level":(40|50|60)/.test(line) || !line.startsWith('{')) process.stdout.write(`${name.padEnd(12)} ${line}\n`);
    },
    onUnexpectedExit: (name, code) => {
      say(`${name} exited unexpectedly (code ${code}); stopping the platform`);
      void shutdown(1);
    },
  }));
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  say(`GraphQL: ${platform.gatewayUrl}`);
  if (secrets) say(`development platform admin: ${secrets.PLATFORM_ADMIN_EMAIL} (password in README, "Development defaults")`);
  if (env.MAIL_OUTBOX_DIR) say(`e-mails (staff invitations) are written to ${env.MAIL_OUTBOX_DIR}`);
  say('Ctrl-C stops everything');
}

main().catch((e) => {
  process.stderr.write(`[serang] failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
