import { ensureEmbeddedPostgres, type RunningPostgres } from '@serang/local-infra';
import { resolve } from 'node:path';
import { TEST_DATA_DIR, TEST_PG_PORT } from './test-env';

/** Starts what the tests need: the embedded PostgreSQL cluster unless DATABASE_URL names a server. */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const pg: RunningPostgres = await ensureEmbeddedPostgres({ dataDir: resolve(TEST_DATA_DIR, 'postgres'), port: TEST_PG_PORT });
  process.env.SERANG_TEST_PG_URL = pg.url;
  (globalThis as { __serangPostgres?: RunningPostgres }).__serangPostgres = pg;
}
