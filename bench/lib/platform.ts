import { resolve } from 'node:path';
import { Client } from 'pg';
import { devSecrets, ensureDatabase, ensureEmbeddedPostgres, launchPlatform, SERVICE_NAMES, type RunningPlatform } from '@serang/local-infra';

export interface BenchPlatform {
  platform: RunningPlatform;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The whole platform for a benchmark: its own embedded PostgreSQL and a fresh database in
 * `.data/bench-<name>`, the five services and the gateway on ports from `basePort`, development
 * secrets. Never the data of `npm start` or of the tests.
 */
export async function startBenchPlatform(name: string, pgPort: number, basePort: number, env: Record<string, string> = {}): Promise<BenchPlatform> {
  const dataDir = resolve(`.data/bench-${name}`);
  const pg = await ensureEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: pgPort });
  const database = `bench_${name.replace(/\W/g, '_')}`;
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
  const databaseUrl = await ensureDatabase(pg.url, database);
  const ports = { gateway: basePort, ...Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, basePort + 1 + i])) };
  const platform = await launchPlatform({
    databaseUrl,
    ports,
    env: { ...devSecrets(resolve(dataDir, 'dev-secrets.json')), LOG_LEVEL: 'warn', UPLOADS_DIR: resolve(dataDir, 'uploads'), ...env },
    onOutput: (n, l) => /"level":(50|60)/.test(l) && console.error(n, l),
  });
  return {
    platform,
    dataDir,
    stop: async () => {
      await platform.stop();
      if (pg.startedHere) await pg.stop();
    },
  };
}
