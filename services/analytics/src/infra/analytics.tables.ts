import type { Pool } from 'pg';

/**
 * Analytics' read models, in its own schema; rebuilt by replaying request's events.
 *
 * `applications` holds one row of facts per application (no person in it). Submissions count
 * from it today; backlog, processing time and SLA compliance will come from the same rows once
 * the later events fill in status and completion (new nullable columns, no reshaping). It also
 * makes counting idempotent per application, whatever redelivers the event.
 *
 * `daily_submissions` is the pre-aggregated counter the dashboard reads: per agency, Jakarta day
 * and service. Later daily counters (completions, SLA breaches, IKM sums) sit beside it under
 * the same key.
 *
 * `agencies` lists catalogue's agencies, so every one appears on the dashboard, zeros included.
 * When it is new beside an inbound checkpoint (a database from before analytics consumed
 * catalogue's events), the store subscription's checkpoint is cleared: the consumer reads its
 * categories once more from the start, and only the events it never processed (catalogue's)
 * take effect — the others are skipped by their processed ids. Over Kafka a newly subscribed
 * topic is read from the beginning anyway.
 */
export async function ensureAnalyticsTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:analytics.tables'));
    create schema if not exists analytics;
    do $$ begin
      if to_regclass('analytics.agencies') is null and to_regclass('analytics.consumer_checkpoints') is not null then
        delete from analytics.consumer_checkpoints where consumer_id = 'analytics.inbound';
      end if;
    end $$;
    create table if not exists analytics.agencies (
      agency_id text primary key
    );
    create table if not exists analytics.applications (
      application_id  text primary key,
      agency_id       text not null,
      service_id      text not null,
      service_version int not null,
      submitted_at    timestamptz not null,
      day             date not null,
      due_at          timestamptz not null
    );
    create index if not exists applications_agency_day_idx on analytics.applications (agency_id, day);
    create table if not exists analytics.daily_submissions (
      agency_id  text not null,
      service_id text not null,
      day        date not null,
      submitted  int not null,
      primary key (agency_id, day, service_id)
    );
    create index if not exists daily_submissions_day_idx on analytics.daily_submissions (day)`);
}

export interface ServiceTotalRow {
  agency_id: string;
  service_id: string;
  submitted: number;
}
