import { inTransaction } from '@serang/db';
import type { Pool } from 'pg';
import { IDENTITY_DDL_LOCK } from '../../person';

/**
 * Single sign-on's tables in identity's schema (kept apart from identity.tables.ts so the two
 * features merge without touching one another):
 * - `oidc_payloads`: the OpenID Connect library's state (sessions, interactions, grants, codes,
 *   tokens), one row per model and id, with its expiry; shared by every replica and kept across
 *   restarts. Expired rows are never returned and are swept now and then.
 * - `oidc_client_secrets`: sha256 of each client's secret (the secret itself is shown once).
 * - `oidc_clients`: the read model of the `oidcclient-<id>` streams, for the admin's list.
 * - `oidc_claim_releases`: append-only record of every release of a citizen's personal claims to
 *   an agency app (who, whom, which claims, when); update, delete and truncate are refused.
 */
export const OIDC_DDL = `
  create schema if not exists identity;
  create table if not exists identity.oidc_payloads (
    model       text not null,
    id          text not null,
    payload     jsonb not null,
    grant_id    text,
    user_code   text,
    uid         text,
    expires_at  timestamptz,
    consumed_at timestamptz,
    primary key (model, id)
  );
  create index if not exists oidc_payloads_grant_idx on identity.oidc_payloads (grant_id) where grant_id is not null;
  create index if not exists oidc_payloads_uid_idx on identity.oidc_payloads (model, uid) where uid is not null;
  create index if not exists oidc_payloads_user_code_idx on identity.oidc_payloads (model, user_code) where user_code is not null;
  create index if not exists oidc_payloads_expiry_idx on identity.oidc_payloads (expires_at) where expires_at is not null;
  create table if not exists identity.oidc_client_secrets (
    client_id     text primary key,
    secret_sha256 bytea not null,
    created_at    timestamptz not null default now()
  );
  create table if not exists identity.oidc_clients (
    id                         text primary key,
    agency_id                  text not null,
    name                       text not null,
    redirect_uris              text[] not null,
    scopes                     text[] not null,
    token_endpoint_auth_method text not null,
    registered_at              timestamptz not null,
    registered_by              text,
    disabled_at                timestamptz
  );
  create index if not exists oidc_clients_agency_idx on identity.oidc_clients (agency_id);
  create table if not exists identity.oidc_claim_releases (
    id          bigint generated always as identity primary key,
    released_at timestamptz not null,
    client_id   text not null,
    agency_id   text not null,
    person_id   text not null,
    subject     text not null,
    claims      text[] not null,
    channel     text not null check (channel in ('userinfo', 'id_token'))
  );
  create index if not exists oidc_claim_releases_person_idx on identity.oidc_claim_releases (person_id, released_at);
  create or replace function identity.oidc_claim_releases_append_only() returns trigger language plpgsql as $$
    begin raise exception 'identity.oidc_claim_releases is append-only'; end $$;
  create or replace trigger oidc_claim_releases_append_only before update or delete or truncate on identity.oidc_claim_releases
    for each statement execute function identity.oidc_claim_releases_append_only()`;

/**
 * Identity's DDL lock (identity.tables.ts takes the same one): replicas starting together, and
 * identity's own tables created in the same start-up, never race on `create … if not exists`
 * (two sessions creating the `identity` schema at once collide even with `if not exists`).
 */
export function ensureOidcTables(db: Pool): Promise<void> {
  return inTransaction(db, async (tx) => void (await tx.query(OIDC_DDL)), { lock: IDENTITY_DDL_LOCK });
}
