/**
 * DDL of the PostgreSQL event store. Positions are handed out under a lock on the single `head`
 * row, held until commit: appending transactions commit in position order, and PostgreSQL makes a
 * transaction visible before it releases its locks, so readers only ever see a gapless-in-commit
 * prefix of positions. A subscription reading `position > checkpoint` therefore never skips an
 * event that a slower concurrent transaction commits later. Throughput does not suffer from the
 * lock because concurrent appends are coalesced into one transaction (see append-coalescer.ts).
 */
export function schemaSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
create schema if not exists ${s};
create table if not exists ${s}.events (
  position    bigint primary key,
  stream_id   text not null,
  revision    bigint not null,
  category    text not null,
  event_id    uuid not null,
  type        text not null,
  data        jsonb not null,
  metadata    jsonb not null,
  recorded_at timestamptz not null default now(),
  constraint events_stream_revision_key unique (stream_id, revision),
  constraint events_event_id_key unique (event_id)
);
create index if not exists events_category_position_idx on ${s}.events (category, position);
create index if not exists events_type_position_idx on ${s}.events (type, position);
create table if not exists ${s}.head (
  id       int primary key check (id = 1),
  position bigint not null
);
insert into ${s}.head (id, position) values (1, 0) on conflict (id) do nothing;

-- Appends a batch of independent appends in one transaction. Each element of p_appends is
-- {"s": stream id, "c": category, "e": expected revision ('any' | 'no_stream' | 'stream_exists' | n),
--  "ev": [{"id", "type", "data", "metadata"}]}; each gets its own concurrency check and its own
-- result row, and a failed check skips that element only.
create or replace function ${s}.append_batch(p_appends jsonb)
returns table (idx int, status text, revision bigint, last_position bigint)
language plpgsql as $fn$
#variable_conflict use_column
declare
  a jsonb;
  i int := -1;
  head_pos bigint;
  cur bigint;
  expected text;
  n int;
  ids uuid[];
  dup_count int;
  dup_ok boolean;
  dup_rev bigint;
  dup_pos bigint;
begin
  select h.position into head_pos from ${s}.head h where h.id = 1 for update;
  for a in select value from jsonb_array_elements(p_appends) loop
    i := i + 1;
    n := jsonb_array_length(a->'ev');
    ids := array(select (x->>'id')::uuid from jsonb_array_elements(a->'ev') x);
    select count(*)::int,
           count(*) = n and bool_and(e.stream_id = a->>'s') and max(e.revision - o.ord) = min(e.revision - o.ord),
           max(e.revision), max(e.position)
      into dup_count, dup_ok, dup_rev, dup_pos
      from unnest(ids) with ordinality as o(id, ord)
      join ${s}.events e on e.event_id = o.id;
    if dup_count > 0 then
      -- The same events re-sent (a retry after a lost answer): answer as the first time.
      if dup_ok then
        idx := i; status := 'ok'; revision := dup_rev; last_position := dup_pos; return next;
      else
        idx := i; status := 'duplicate'; revision := null; last_position := null; return next;
      end if;
      continue;
    end if;
    select coalesce(max(e.revision), -1) into cur from ${s}.events e where e.stream_id = a->>'s';
    expected := a->>'e';
    if (expected = 'no_stream' and cur <> -1)
       or (expected = 'stream_exists' and cur = -1)
       or (expected not in ('any', 'no_stream', 'stream_exists') and expected::bigint <> cur) then
      idx := i; status := 'conflict'; revision := cur; last_position := null; return next;
      continue;
    end if;
    insert into ${s}.events (position, stream_id, revision, category, event_id, type, data, metadata)
      select head_pos + t.ord, a->>'s', cur + t.ord, a->>'c', (t.x->>'id')::uuid, t.x->>'type', t.x->'data', t.x->'metadata'
        from jsonb_array_elements(a->'ev') with ordinality as t(x, ord);
    head_pos := head_pos + n;
    idx := i; status := 'ok'; revision := cur + n; last_position := head_pos; return next;
  end loop;
  update ${s}.head h set position = head_pos where h.id = 1;
  perform pg_notify(${literal(notifyChannel(schema))}, head_pos::text);
end
$fn$;
`;
}

export function notifyChannel(schema: string): string {
  return `${schema}_appended`;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return `"${name}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
