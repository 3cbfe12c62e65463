import type { Queryable } from '@serang/eventstore';

/**
 * The consumer's own bookkeeping, in the consumer's own schema: the ids of the events it has
 * applied (a redelivery changes nothing), and the streams it parked with their held events.
 */
export async function ensureConsumerSchema(db: Queryable, schema: string): Promise<void> {
  const s = ident(schema);
  // One statement batch (one implicit transaction) under an advisory lock: racing processes wait.
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:${schema}.consumer'));
  create schema if not exists ${s};
  create table if not exists ${s}.processed_events (
    consumer_id  text not null,
    event_id     uuid not null,
    processed_at timestamptz not null default now(),
    primary key (consumer_id, event_id)
  );
  create table if not exists ${s}.parked_streams (
    consumer_id text not null,
    stream_id   text not null,
    parked_at   timestamptz not null default now(),
    primary key (consumer_id, stream_id)
  );
  create table if not exists ${s}.parked_events (
    seq         bigserial primary key,
    consumer_id text not null,
    stream_id   text not null,
    event_id    uuid not null,
    event       jsonb not null,
    reason      text not null,
    error       text not null,
    parked_at   timestamptz not null default now(),
    unique (consumer_id, event_id)
  );
  create index if not exists parked_events_stream_idx on ${s}.parked_events (consumer_id, stream_id, seq)`);
}

export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return `"${name}"`;
}
