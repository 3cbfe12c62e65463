import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createPool } from '@serang/db';
import type { Pool } from 'pg';
import type { Logger } from 'pino';

/** How many gateway replicas are serving now: each takes its share of every rate limit. */
export interface LiveReplicas {
  readonly count: number;
  stop(): Promise<void>;
}

/** Without a shared database: the configured count (RATE_LIMIT_REPLICAS), fixed. */
export function fixedReplicas(count: number): LiveReplicas {
  return { count, stop: async () => undefined };
}

/** A replica beats this often… */
const BEAT_MS = 5_000;
/** …and counts as gone after missing this many beats (a crash, a partition). */
const MISSED_BEATS = 3;

/**
 * Live replicas from a heartbeat table in the shared PostgreSQL (`gateway.replicas`): each replica
 * writes its row every few seconds and counts the rows written lately, by the database's clock
 * (replicas' clocks may disagree). A replica that stops beating drops out after three beats; a
 * clean stop deletes its row at once. While the database cannot be reached the last count holds:
 * falling back to 1 would multiply every limit by the number of replicas.
 */
export async function heartbeatReplicas(
  databaseUrl: string,
  log: Logger,
  onChange: (count: number) => void = () => undefined,
): Promise<LiveReplicas> {
  const id = `${hostname()}:${process.pid}:${randomUUID()}`;
  const pool = createPool({
    connectionString: databaseUrl,
    name: 'gateway:replicas',
    max: 1,
    acquireTimeoutMs: BEAT_MS,
    pg: { idleTimeoutMillis: 4 * BEAT_MS, query_timeout: BEAT_MS },
  });
  pool.on('error', (e) => log.warn({ error: e.message }, 'rate limits: heartbeat connection lost'));
  let count = 1;
  let failing = false;
  let stopped = false;

  const beat = async () => {
    try {
      const { rows } = await pool.query<{ live: number }>(
        `with me as (
           insert into gateway.replicas (id, last_seen) values ($1, now())
           on conflict (id) do update set last_seen = now()
         )
         select count(*)::int as live from gateway.replicas where id <> $1 and last_seen > now() - make_interval(secs => $2)`,
        [id, (BEAT_MS * MISSED_BEATS) / 1000],
      );
      // The others as last written, plus this one (its own row is written by this very statement).
      const live = rows[0].live + 1;
      if (live !== count) {
        log.info({ replicas: live }, 'rate limits: live gateway replicas changed');
        count = live;
        onChange(live);
      }
      if (failing) log.info('rate limits: heartbeat restored');
      failing = false;
      await pool.query(`delete from gateway.replicas where last_seen < now() - interval '10 minutes'`);
    } catch (e) {
      if (!failing) log.warn({ error: (e as Error).message, replicas: count }, 'rate limits: heartbeat failed; keeping the last replica count');
      failing = true;
    }
  };

  await ensureTable(pool).catch((e: Error) => log.warn({ error: e.message }, 'rate limits: cannot create gateway.replicas yet'));
  await beat();
  const timer = setInterval(() => {
    if (failing) void ensureTable(pool).catch(() => undefined);
    void beat();
  }, BEAT_MS);
  timer.unref();
  onChange(count);

  return {
    get count() {
      return count;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      // Gone at once for the others, rather than after three missed beats.
      await pool.query('delete from gateway.replicas where id = $1', [id]).catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

/** The gateway's own schema; created under an advisory lock, as replicas may start together. */
async function ensureTable(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('gateway.replicas'))`);
    await client.query('create schema if not exists gateway');
    await client.query('create table if not exists gateway.replicas (id text primary key, last_seen timestamptz not null)');
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
