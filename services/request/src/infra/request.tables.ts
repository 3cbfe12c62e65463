import type { Pool } from 'pg';

/**
 * Request's tables, in its own schema. Read models (service_definitions, applications,
 * application_timeline, application_documents) are projections of events and rebuildable by replay; idempotency_keys
 * and tracking_numbers belong to the write side (what makes a resend safe and a number unique).
 * None holds personal data in plain text: the form lives only as a vault ciphertext in events.
 */
export async function ensureRequestTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:request.tables'));
    create schema if not exists request;
    create table if not exists request.service_definitions (
      id         text not null,
      version    int not null,
      agency_id  text not null,
      definition jsonb not null,
      retired_at timestamptz,
      primary key (id, version)
    );
    -- Databases made before services could be retired.
    alter table request.service_definitions add column if not exists retired_at timestamptz;
    create table if not exists request.applications (
      id              uuid primary key,
      tracking_number text not null,
      status          text not null,
      version         int not null,
      service_id      text not null,
      service_version int not null,
      agency_id       text not null,
      applicant_id    text not null,
      submitted_at    timestamptz not null,
      due_at          timestamptz not null
    );
    alter table request.applications add column if not exists applicant_erased_at timestamptz;
    -- Who identity erased, and when: an application projected after its applicant's erasure (the
    -- two arrive from different streams, in no promised order) is marked from here.
    create table if not exists request.erased_applicants (
      person_id text primary key,
      erased_at timestamptz not null
    );
    alter table request.applications alter column due_at drop not null;
    alter table request.applications add column if not exists warn_at timestamptz;
    alter table request.applications add column if not exists assignee_id text;
    alter table request.applications add column if not exists paused_since timestamptz;
    alter table request.applications add column if not exists warned_at timestamptz;
    alter table request.applications add column if not exists breached_at timestamptz;
    alter table request.applications add column if not exists closed_at timestamptz;
    alter table request.applications add column if not exists outcome text;
    alter table request.applications add column if not exists updated_at timestamptz;
    create index if not exists applications_queue_idx on request.applications (agency_id, closed_at, due_at);
    create index if not exists applications_sla_warn_idx on request.applications (warn_at) where warned_at is null and closed_at is null;
    create index if not exists applications_sla_due_idx on request.applications (due_at) where breached_at is null and closed_at is null;
    -- Which uploaded documents an application uses, by requirement: who may download them (its agency's staff).
    create table if not exists request.application_documents (
      application_id uuid not null,
      requirement    text not null,
      document_id    uuid not null,
      primary key (application_id, requirement, document_id)
    );
    create index if not exists application_documents_document_idx on request.application_documents (document_id);
    create unique index if not exists applications_tracking_number_key on request.applications (tracking_number);
    create index if not exists applications_applicant_idx on request.applications (applicant_id, submitted_at desc, id desc);
    create index if not exists applications_agency_due_idx on request.applications (agency_id, due_at);
    create table if not exists request.application_timeline (
      application_id uuid not null,
      seq            int not null,
      status         text not null,
      at             timestamptz not null,
      actor_role     text not null,
      note           text,
      primary key (application_id, seq)
    );
    alter table request.application_timeline add column if not exists action text not null default 'SUBMIT';
    create table if not exists request.idempotency_keys (
      caller_id      text not null,
      operation      text not null,
      key            text not null,
      payload_hash   text not null,
      application_id uuid not null,
      created_at     timestamptz not null default now(),
      primary key (caller_id, operation, key)
    );
    create table if not exists request.tracking_numbers (
      tracking_number text primary key,
      application_id  uuid not null unique
    )`);
}

export interface ApplicationRow {
  id: string;
  tracking_number: string;
  status: string;
  version: number;
  service_id: string;
  service_version: number;
  agency_id: string;
  applicant_id: string;
  submitted_at: Date;
  due_at: Date | null;
  warn_at: Date | null;
  assignee_id: string | null;
  paused_since: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  closed_at: Date | null;
  outcome: string | null;
  applicant_erased_at: Date | null;
}

export interface TimelineRow {
  application_id: string;
  seq: number;
  status: string;
  at: Date;
  actor_role: string;
  action: string;
  note: string | null;
}
