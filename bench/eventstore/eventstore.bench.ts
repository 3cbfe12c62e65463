/**
 * npm run bench:eventstore — single-event appends per second of our PostgreSQL event store,
 * against Emmett's PostgreSQL event store and a raw single-row INSERT-per-transaction ceiling,
 * all on the same embedded PostgreSQL with the same durability (synchronous_commit on), with 1
 * and 16 concurrent writers on separate streams. Median of RUNS runs each, interleaved so drift
 * hits every contender alike. Prints the ratios.
 *
 * env: BENCH_RUNS (default 3), BENCH_SECONDS per measurement (default 4)
 */
import { resolve } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ensureDatabase, ensureEmbeddedPostgres, stopEmbeddedPostgres } from '@serang/local-infra';
import { PostgresEventStore } from '@serang/eventstore';
import { closedLoop, median, table } from '../lib/measure';
import { benchPool, untilDisconnected } from '../lib/pg-pools';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const WRITERS = [1, 16];
const payload = { serviceCode: 'DISNAKER-AK1', agency: 'disnakertrans', formRef: 'vault:v1:'.padEnd(120, 'x'), channel: 'mobile' };

type Contender = { name: string; setup(url: string, writers: number): Promise<{ op(w: number, i: number): Promise<void>; close(): Promise<void> }> };

const raw: Contender = {
  name: 'raw INSERT/tx',
  async setup(url, writers) {
    const pool = benchPool({ connectionString: url, max: writers });
    await pool.query('create table if not exists raw_events (id bigserial primary key, stream_id text not null, data jsonb not null)');
    const run = uuidv7();
    return {
      op: async (w) => {
        await pool.query('insert into raw_events (stream_id, data) values ($1, $2)', [`bench-${run}-${w}`, payload]);
      },
      close: () => pool.end(),
    };
  },
};

const ours: Contender = {
  name: 'serang PostgresEventStore',
  async setup(url) {
    const store = await PostgresEventStore.connect({ connectionString: url });
    const run = uuidv7();
    return {
      op: async (w, i) => {
        await store.append(
          `bench-${run}w${w}`,
          [
            {
              id: uuidv7(),
              type: 'ApplicationSubmitted',
              data: payload,
              metadata: { tenant: '3604', occurredAt: new Date().toISOString(), schemaVersion: 1 },
            },
          ],
          i === 0 ? 'no_stream' : BigInt(i - 1),
        );
      },
      close: () => store.close(),
    };
  },
};

const emmett: Contender = {
  name: 'Emmett PostgreSQL',
  async setup(url) {
    const { getPostgreSQLEventStore, defaultPostgreSQLOptions } = await import('@event-driven-io/emmett-postgresql');
    // Emmett's own pool (dumbo's, one per URL) has no error listener: a connection still closing
    // when PostgreSQL stops crashed the run. This one has pg's size, as dumbo's, and is ours; the
    // nested-acquire guard watches our code, not a contender's.
    const pool = benchPool({ connectionString: url, guard: 'off' });
    const store = getPostgreSQLEventStore(url, { ...defaultPostgreSQLOptions, connectionOptions: { pool } });
    await store.schema.migrate();
    const run = uuidv7();
    return {
      op: async (w, i) => {
        await store.appendToStream(`bench-${run}w${w}`, [{ type: 'ApplicationSubmitted', data: payload }], { expectedStreamVersion: BigInt(i) });
      },
      close: async () => {
        await store.close();
        await pool.end();
      },
    };
  },
};

async function main(): Promise<void> {
  const dataDir = resolve(__dirname, '../../.data/bench/postgres');
  const pg = await ensureEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 15434) });
  try {
    const contenders = [raw, ours, emmett];
    const urls = new Map<Contender, string>();
    for (const c of contenders) {
      const name = databaseOf(c);
      const admin = new Client({ connectionString: pg.url });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      urls.set(c, await ensureDatabase(pg.url, name));
    }
    const probe = new Client({ connectionString: urls.get(raw) });
    await probe.connect();
    const settings = (
      await probe.query("select name, setting from pg_settings where name in ('synchronous_commit','fsync','wal_sync_method','server_version')")
    ).rows;
    await probe.end();
    console.log(`PostgreSQL: ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`);
    console.log(`${RUNS} runs × ${SECONDS} s per measurement, writers on separate streams\n`);

    const results = new Map<string, number[]>();
    for (let run = 1; run <= RUNS; run++) {
      for (const writers of WRITERS) {
        for (const c of contenders) {
          const h = await c.setup(urls.get(c)!, writers);
          const t = await closedLoop(writers, SECONDS * 1000, h.op);
          await h.close();
          const key = `${c.name}|${writers}`;
          results.set(key, [...(results.get(key) ?? []), t.perSecond]);
          console.log(`run ${run}  ${String(writers).padStart(2)} writer(s)  ${c.name.padEnd(26)} ${t.perSecond.toFixed(0).padStart(7)} appends/s`);
        }
      }
    }
    const med = (c: Contender, w: number) => median(results.get(`${c.name}|${w}`)!);
    console.log('\nMedians (appends/s):');
    console.log(table(WRITERS.flatMap((w) => contenders.map((c) => ({ writers: w, contender: c.name, 'appends/s': med(c, w).toFixed(0) })))));
    console.log('\nRatios:');
    const rows = WRITERS.map((w) => ({
      writers: w,
      'serang / raw ceiling': (med(ours, w) / med(raw, w)).toFixed(2),
      'Emmett / raw ceiling': (med(emmett, w) / med(raw, w)).toFixed(2),
      'serang / Emmett': (med(ours, w) / med(emmett, w)).toFixed(2),
    }));
    console.log(table(rows));
    console.log('\nAims: 1 writer serang/raw ≥ 0.80; 16 writers serang/Emmett ≥ 3.00');
  } finally {
    if (pg.startedHere) {
      // The server goes last, once every contender's connections are really gone.
      await untilDisconnected(pg.url, [raw, ours, emmett].map(databaseOf)).catch((e: unknown) => console.error(String(e)));
      await stopEmbeddedPostgres(dataDir);
    }
  }
}

function databaseOf(c: Contender): string {
  return `bench_${c === raw ? 'raw' : c === ours ? 'serang' : 'emmett'}`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
