import type { Pool } from 'pg';

/** Catalogue's read models, in its own schema; rebuilt from its events by the projection. */
export async function ensureCatalogueTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:catalogue.tables'));
    create schema if not exists catalogue;
    create table if not exists catalogue.agencies (
      id      text primary key,
      code    text not null unique,
      name_id text not null,
      name_en text not null
    );
    create table if not exists catalogue.services (
      id           text not null,
      version      int not null,
      agency_id    text not null,
      code         text not null,
      name_id      text not null,
      name_en      text not null,
      definition   jsonb not null,
      published_at timestamptz not null,
      primary key (id, version)
    );
    create index if not exists services_agency_idx on catalogue.services (agency_id)`);
}

export interface AgencyRow {
  id: string;
  code: string;
  name_id: string;
  name_en: string;
}

export interface ServiceRow {
  id: string;
  version: number;
  agency_id: string;
  code: string;
  name_id: string;
  name_en: string;
  definition: { slaWorkingDays: number; form: Record<string, unknown>; requiredDocuments: string[] };
  published_at: Date;
}
