/**
 * DDL of the PostgreSQL event store. Positions are handed out under a transaction-scoped advisory
 * lock, held until commit: appending transactions commit in position order, and PostgreSQL makes a
 * transaction visible before it releases its locks, so readers only ever see a gapless
 * prefix of positions. A subscription reading `position > checkpoint` therefore never skips an
 * event that a slower concurrent transaction commits later. Throughput does not suffer from the
 * lock because concurrent appends are coalesced into one transaction (see append-coalescer.ts).
 */
export function schemaSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
create schema if not exists ${s};
drop function if exists ${s}.append_batch(jsonb);
drop function if exists ${s}.append_batch(text[], text[], text[], int[], uuid[], text[], jsonb[], jsonb[]);
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
-- Appends a batch of independent appends in one transaction, set-based: one statement reads every
-- stream's revision and any reused event id, one statement inserts all accepted events. Append k
-- is stream p_streams[k] (each stream at most once per batch) with expected revision
-- p_expected[k] ('any' | 'no_stream' | 'stream_exists' | n) and the next p_counts[k] events of
-- the flattened arrays (ids, types; data and metadata as JSON arrays). Each append gets its own
-- concurrency check and result row; a failed check skips that append only.
create or replace function ${s}.append_batch(
  p_streams text[], p_categories text[], p_expected text[], p_counts int[],
  p_ids uuid[], p_types text[], p_data jsonb, p_metadata jsonb)
returns table (idx int, status text, revision bigint, last_position bigint)
-- The statements' plans do not depend on the values: plan once per session, not per call.
set plan_cache_mode = force_generic_plan
language plpgsql as $fn$
#variable_conflict use_column
declare
  k int;
  j int;
  off int := 0;
  n int;
  head_pos bigint;
  curs bigint[];
  reused uuid[];
  cur bigint;
  expected text;
  dup_ok boolean;
  dup_rev bigint;
  dup_pos bigint;
  ins_event int[] := '{}';
  ins_append int[] := '{}';
  ins_pos bigint[] := '{}';
  ins_rev bigint[] := '{}';
begin
  -- The append lock: held until this transaction has committed and become visible. The
  -- statements below start after it was granted, so they see everything the previous holder wrote.
  perform pg_advisory_xact_lock(${lockKey(schema)});
  select (select coalesce(max(e.position), 0) from ${s}.events e),
         array(select coalesce((select max(e.revision) from ${s}.events e where e.stream_id = st.id), -1)
                 from unnest(p_streams) with ordinality as st(id, o) order by st.o),
         array(select e.event_id from ${s}.events e where e.event_id = any(p_ids))
    into head_pos, curs, reused;
  for k in 1 .. coalesce(array_length(p_streams, 1), 0) loop
    n := p_counts[k];
    cur := curs[k];
    expected := p_expected[k];
    idx := k - 1;
    if cardinality(reused) > 0 and p_ids[off + 1 : off + n] && reused then
      -- The same events re-sent (a retry after a lost answer) are answered as the first time;
      -- ids reused for anything else are refused.
      select count(*) = n and bool_and(e.stream_id = p_streams[k]) and max(e.revision - o.ord) = min(e.revision - o.ord),
             max(e.revision), max(e.position)
        into dup_ok, dup_rev, dup_pos
        from unnest(p_ids[off + 1 : off + n]) with ordinality as o(id, ord)
        join ${s}.events e on e.event_id = o.id;
      if dup_ok then
        status := 'ok'; revision := dup_rev; last_position := dup_pos;
      else
        status := 'duplicate'; revision := null; last_position := null;
      end if;
    elsif (expected = 'no_stream' and cur <> -1)
       or (expected = 'stream_exists' and cur = -1)
       or (expected not in ('any', 'no_stream', 'stream_exists') and expected::bigint <> cur) then
      status := 'conflict'; revision := cur; last_position := null;
    else
      for j in 1 .. n loop
        ins_event := ins_event || (off + j);
        ins_append := ins_append || k;
        ins_pos := ins_pos || (head_pos + j);
        ins_rev := ins_rev || (cur + j);
      end loop;
      head_pos := head_pos + n;
      status := 'ok'; revision := cur + n; last_position := head_pos;
    end if;
    return next;
    off := off + n;
  end loop;
  if cardinality(ins_event) > 0 then
    insert into ${s}.events (position, stream_id, revision, category, event_id, type, data, metadata)
      select t.pos, p_streams[t.a], t.rev, p_categories[t.a], p_ids[t.ev], p_types[t.ev],
             p_data -> (t.ev - 1), p_metadata -> (t.ev - 1)
        from unnest(ins_event, ins_append, ins_pos, ins_rev) as t(ev, a, pos, rev);
  end if;
end
$fn$;
`;
}

/**
 * The fast path for a lone append (one writer, no company to coalesce with): one statement, no
 * procedural code. It takes the same append lock, but its snapshot may predate the lock grant; if
 * a transaction committed in between, the positions and revisions it computes are already taken
 * (both are gapless), so the insert fails on a unique index (23505) instead of writing anything
 * wrong, and the caller falls back to append_batch, whose statements all start after the grant.
 * An event id already present fails the same way, and append_batch answers the resend.
 * $1 stream, $2 category, $3 expected kind ('any' | 'no_stream' | 'stream_exists' | 'exact'),
 * $4 exact expected revision, $5 id(s), $6 type(s), $7 data, $8 metadata (JSON arrays when several).
 */
export function appendOneSql(schema: string, singleEvent: boolean): string {
  const s = quoteIdent(schema);
  // A single event (the common case) skips the set-returning function.
  const rows = singleEvent
    ? `select h.head + 1, $1, h.cur + 1, $2, $5::uuid, $6::text, $7::jsonb, $8::jsonb from h`
    : `select h.head + j, $1, h.cur + j, $2, ($5::uuid[])[j], ($6::text[])[j], $7::jsonb -> (j - 1), $8::jsonb -> (j - 1)
         from h, generate_series(1, cardinality($5::uuid[])) as j`;
  return `
with h as materialized (
  select (select coalesce(max(e.position), 0) from ${s}.events e where l.locked is not null) as head,
         (select coalesce(max(e.revision), -1) from ${s}.events e where e.stream_id = $1 and l.locked is not null) as cur
    from (select pg_advisory_xact_lock(${lockKey(schema)})::text as locked) l),
ins as (
  insert into ${s}.events (position, stream_id, revision, category, event_id, type, data, metadata)
  ${rows}
   where case $3::text when 'any' then true
                       when 'no_stream' then h.cur = -1
                       when 'stream_exists' then h.cur >= 0
                       else h.cur = $4::bigint end
  returning 1)
select h.head, h.cur, (select count(*) from ins)::int as inserted from h`;
}

/** A stable advisory-lock key per event store schema. */
function lockKey(schema: string): string {
  let h = 0;
  for (const ch of `serang-eventstore:${schema}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return `${h}`;
}

export function notifyChannel(schema: string): string {
  return `${schema}_appended`;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return `"${name}"`;
}
