import type { ServiceDefinitionDocument } from '@serang/service-definition';
import type { Pool } from 'pg';

/**
 * Catalogue's read models, in its own schema; rebuilt from its events by the projection.
 * `services` holds every published version (immutable, kept for applications that reference
 * them); `service_heads` holds each service's lifecycle and its draft, which only its agency's
 * staff and platform admins see. A draft's definition is kept as the text it was saved as.
 */
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
    create index if not exists services_agency_idx on catalogue.services (agency_id);
    create table if not exists catalogue.service_heads (
      id                    text primary key,
      agency_id             text not null,
      code                  text not null,
      status                text not null,
      revision              int not null,
      published_version     int,
      draft_version         int,
      draft_name_id         text,
      draft_name_en         text,
      draft_definition_json text,
      draft_saved_at        timestamptz,
      retired_at            timestamptz,
      updated_at            timestamptz not null
    );
    create index if not exists service_heads_agency_idx on catalogue.service_heads (agency_id, code)`);
}

export interface AgencyRow {
  id: string;
  code: string;
  name_id: string;
  name_en: string;
}

/** A published version with its agency, its service's retirement and whether it is the latest version. */
export interface ServiceRow {
  id: string;
  version: number;
  agency_id: string;
  code: string;
  name_id: string;
  name_en: string;
  definition: ServiceDefinitionDocument;
  published_at: Date;
  retired_at: Date | null;
  latest: boolean;
  a_code: string;
  a_name_id: string;
  a_name_en: string;
}

export interface ServiceHeadRow {
  id: string;
  agency_id: string;
  code: string;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  revision: number;
  published_version: number | null;
  draft_version: number | null;
  draft_name_id: string | null;
  draft_name_en: string | null;
  draft_definition_json: string | null;
  draft_saved_at: Date | null;
  retired_at: Date | null;
  updated_at: Date;
}
