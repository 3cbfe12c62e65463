import type { Pool } from 'pg';
import { COMPLAINT_CATEGORY_SEEDS } from '../domain/complaint-categories.seed';

/**
 * Complaints' tables in request's schema. `complaints` and `complaint_timeline` are projections of
 * the complaint streams (rebuildable by replay) and name no complainant; `complaint_owners` belongs
 * to the write side (who filed which: the citizen's own list and erasure; never shown to staff);
 * `complaint_categories` is configuration platform admins keep, seeded idempotently.
 */
export async function ensureComplaintTables(db: Pool): Promise<void> {
  await db.query(`-- request.tables' own lock: the schema is created by whichever runs first, never by both at once.
    select pg_advisory_xact_lock(hashtext('serang-ddl:request.tables'));
    create schema if not exists request;
    create table if not exists request.complaint_categories (
      code             text primary key,
      name_id          text not null,
      name_en          text not null,
      sla_working_days int not null check (sla_working_days between 1 and 60),
      active           boolean not null default true,
      updated_at       timestamptz not null default now()
    );
    create table if not exists request.complaints (
      id              uuid primary key,
      status          text not null,
      version         int not null,
      category_code   text not null,
      agency_id       text,
      anonymous       boolean not null,
      confidential    boolean not null,
      pseudonym       text not null,
      application_id  uuid,
      assignee_id     text,
      filed_at        timestamptz not null,
      due_at          timestamptz,
      warn_at         timestamptz,
      warned_at       timestamptz,
      breached_at     timestamptz,
      answered_at     timestamptz,
      closed_at       timestamptz,
      reopened        boolean not null default false,
      updated_at      timestamptz not null
    );
    create index if not exists complaints_queue_idx on request.complaints (agency_id, status, due_at);
    create index if not exists complaints_sla_idx on request.complaints (due_at) where closed_at is null and answered_at is null;
    create table if not exists request.complaint_owners (
      complaint_id uuid primary key,
      person_id    text not null,
      filed_at     timestamptz not null
    );
    create index if not exists complaint_owners_person_idx on request.complaint_owners (person_id, filed_at desc);`);
  await db.query(
    `insert into request.complaint_categories (code, name_id, name_en, sla_working_days)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::int[]) on conflict (code) do nothing`,
    [
      COMPLAINT_CATEGORY_SEEDS.map((c) => c.code),
      COMPLAINT_CATEGORY_SEEDS.map((c) => c.nameId),
      COMPLAINT_CATEGORY_SEEDS.map((c) => c.nameEn),
      COMPLAINT_CATEGORY_SEEDS.map((c) => c.slaWorkingDays),
    ],
  );
}

export interface ComplaintRow {
  id: string;
  status: string;
  version: number;
  category_code: string;
  agency_id: string | null;
  anonymous: boolean;
  confidential: boolean;
  pseudonym: string;
  application_id: string | null;
  assignee_id: string | null;
  filed_at: Date;
  due_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  reopened: boolean;
}
