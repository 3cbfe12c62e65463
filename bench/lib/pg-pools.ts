import { createPool, type GuardedPool, type GuardedPoolOptions } from '@serang/db';
import { Client } from 'pg';

/**
 * A pool a benchmark owns. pg hands an idle client's error to its pool, and a pool without an
 * 'error' listener throws it: a connection the server ends (PostgreSQL stopping) would crash the
 * run after its results are printed.
 */
export function benchPool(opts: Omit<GuardedPoolOptions, 'name'>): GuardedPool {
  const pool = createPool({ ...opts, name: 'bench' });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Waits until no backend serves `databases` any more. `pool.end()` resolves once its clients are
 * told to end, not once their connections are gone: stopping PostgreSQL right after it terminates
 * connections that are still closing ("terminating connection due to administrator command").
 */
export async function untilDisconnected(maintenanceUrl: string, databases: readonly string[], timeoutMs = 10_000): Promise<void> {
  const admin = new Client({ connectionString: maintenanceUrl });
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await admin.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()`,
        [databases],
      );
      if (rows[0].n === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${rows[0].n} connection(s) to ${databases.join(', ')} still open after ${timeoutMs} ms: a pool was not closed`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await admin.end();
  }
}
