import type { Pool } from 'pg';

/**
 * The IKM's read models, in analytics' schema, rebuilt by replaying request's events:
 * `survey_responses`, one row per survey answer (scores and the coarse profile, no person, no
 * text), and `application_endings`, one row per application that ended completed or rejected (the
 * population a survey's sample is drawn from). Both keyed by their event's subject: a
 * redelivery changes nothing.
 */
export async function ensureIkmTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:analytics.tables'));
    create schema if not exists analytics;
    create table if not exists analytics.survey_responses (
      feedback_id text primary key,
      agency_id   text not null,
      service_id  text not null,
      day         date not null,
      answered_at timestamptz not null,
      scores      int[] not null,
      age_group   text not null,
      sex         text not null,
      education   text not null,
      occupation  text not null
    );
    create index if not exists survey_responses_agency_day_idx on analytics.survey_responses (agency_id, day);
    create table if not exists analytics.application_endings (
      application_id text primary key,
      agency_id      text not null,
      service_id     text not null,
      day            date not null,
      outcome        text not null
    );
    create index if not exists application_endings_agency_day_idx on analytics.application_endings (agency_id, day)`);
}
