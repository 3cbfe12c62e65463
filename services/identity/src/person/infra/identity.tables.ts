import { inTransaction } from '@serang/db';
import type { Pool, PoolClient } from 'pg';

/**
 * Identity's own tables, in its schema `identity` (besides the vault's `person_keys`):
 * - `signing_keys`: ES256 key pairs; the private half sealed under the vault master key. At most
 *   one current key (a partial unique index), so two processes starting at once cannot make two.
 * - `blind_indexes`: keyed HMACs of NIK and e-mail, unique per kind: one account per NIK and per
 *   e-mail. Erasable, unlike a stream id.
 * - `credentials`: argon2id hashes; never in an event (events travel to Kafka).
 * - `sessions`: one row per refresh token: a refresh marks its row used and adds the next row to
 *   the same family; presenting a used one revokes the family.
 * - `login_throttles`: failed-login counters per account and per client address, both keyed by
 *   HMACs (an unknown account is counted too, and no address is stored in plain text).
 * - `persons`: the read model of the person streams (ciphertexts only), invitations included.
 * - `staff_invitation_tokens`: sha256 of each invitation's link token (the link itself exists
 *   only in the invitation e-mail); one per invited person, kept after acceptance so that a reused
 *   link is answered "already accepted"; removed when the invitation is revoked or the person erased.
 * - `mail_outbox`: e-mails identity sends itself (invitations), sealed under the master key until
 *   sent, then emptied; a sender loop delivers them with retries.
 * - `agency_systems` (read model) and `agency_system_credentials` (client id, secret hash).
 * - `agency_relations`: which agencies a person has business with (from request's events): what
 *   lets an officer see that person's data at all.
 * - `agencies`: catalogue's agencies (ids and names), for invitations and agency systems.
 * - `name_claims`: names unique within a scope (an agency's live systems, its live single
 *   sign-on clients), claimed before the owner's first event, released on revocation.
 * - `personal_data_access_log`: the audit trail of reads of personal data, from every service's
 *   PersonalDataAccessed events (reasons as ciphertexts under the subject's key).
 */
export const IDENTITY_DDL = `
  create schema if not exists identity;
  create table if not exists identity.signing_keys (
    kid           text primary key,
    alg           text not null,
    public_jwk    jsonb not null,
    private_key   bytea not null,
    master_key_id text not null,
    created_at    timestamptz not null default now(),
    retired_at    timestamptz
  );
  create unique index if not exists signing_keys_one_current on identity.signing_keys ((true)) where retired_at is null;
  create table if not exists identity.blind_indexes (
    kind       text not null check (kind in ('nik', 'email')),
    digest     bytea not null,
    person_id  text not null,
    claimed_at timestamptz not null default now(),
    primary key (kind, digest)
  );
  create index if not exists blind_indexes_person_idx on identity.blind_indexes (person_id);
  create table if not exists identity.credentials (
    person_id     text primary key,
    password_hash text not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
  );
  create table if not exists identity.sessions (
    id                 uuid primary key,
    person_id          text not null,
    refresh_token_hash bytea not null unique,
    family_id          uuid not null,
    created_at         timestamptz not null,
    expires_at         timestamptz not null,
    revoked_at         timestamptz
  );
  create index if not exists sessions_person_idx on identity.sessions (person_id);
  create index if not exists sessions_family_idx on identity.sessions (family_id);
  alter table identity.sessions add column if not exists used_at timestamptz;
  alter table identity.sessions add column if not exists revoke_reason text;
  create table if not exists identity.login_throttles (
    scope           text not null check (scope in ('account', 'address')),
    digest          bytea not null,
    failures        integer not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz,
    primary key (scope, digest)
  );
  create table if not exists identity.persons (
    id               text primary key,
    kind             text not null check (kind in ('citizen', 'staff')),
    roles            text[] not null,
    agency_id        text,
    nik_ciphertext   text,
    name_ciphertext  text,
    email_ciphertext text,
    phone_ciphertext text,
    created_at       timestamptz not null
  );
  alter table identity.persons add column if not exists status text not null default 'ACTIVE';
  alter table identity.persons add column if not exists address_ciphertext text;
  alter table identity.persons add column if not exists birth_date_ciphertext text;
  alter table identity.persons add column if not exists invited_by text;
  alter table identity.persons add column if not exists expires_at timestamptz;
  alter table identity.persons add column if not exists joined_at timestamptz;
  alter table identity.persons add column if not exists erased_at timestamptz;
  create index if not exists persons_agency_idx on identity.persons (agency_id) where agency_id is not null;
  create table if not exists identity.staff_invitation_tokens (
    person_id  text primary key,
    token_hash bytea not null unique,
    expires_at timestamptz not null,
    created_at timestamptz not null default now()
  );
  create table if not exists identity.mail_outbox (
    id              uuid primary key,
    purpose         text not null,
    person_id       text not null,
    sealed          bytea,
    master_key_id   text,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz not null default now()
  );
  create index if not exists mail_outbox_due_idx on identity.mail_outbox (next_attempt_at) where sent_at is null;
  create table if not exists identity.agency_systems (
    id            text primary key,
    agency_id     text not null,
    name          text not null,
    status        text not null,
    registered_by text not null,
    registered_at timestamptz not null,
    revoked_at    timestamptz
  );
  create table if not exists identity.agency_system_credentials (
    system_id   text primary key,
    client_id   text not null unique,
    secret_hash bytea not null
  );
  create table if not exists identity.agency_relations (
    person_id text not null,
    agency_id text not null,
    first_at  timestamptz not null,
    primary key (person_id, agency_id)
  );
  create table if not exists identity.personal_data_access_log (
    event_id          uuid primary key,
    at                timestamptz not null,
    subject_id        text not null,
    actor_id          text not null,
    actor_role        text not null,
    actor_agency      text,
    service           text not null,
    purpose           text not null,
    fields            text[] not null,
    reason_ciphertext text,
    application_id    text
  );
  create index if not exists access_log_subject_idx on identity.personal_data_access_log (subject_id, at desc);
  create index if not exists access_log_at_idx on identity.personal_data_access_log (at desc);
  create table if not exists identity.agencies (
    id      text primary key,
    name_id text not null,
    name_en text not null
  );
  create table if not exists identity.name_claims (
    scope      text not null,
    key        text not null,
    owner_id   text not null,
    claimed_at timestamptz not null default now(),
    primary key (scope, key)
  );
  create index if not exists name_claims_owner_idx on identity.name_claims (owner_id)`;

/**
 * Creates the tables (and, through `alsoUnderLock`, the vault's) under one session advisory lock,
 * so replicas starting together do not race on `create … if not exists`.
 */
export function ensureIdentityTables(db: Pool, alsoUnderLock: (tx: PoolClient) => Promise<void>): Promise<void> {
  return inTransaction(
    db,
    async (tx) => {
      await tx.query(IDENTITY_DDL);
      await alsoUnderLock(tx);
    },
    { lock: IDENTITY_DDL_LOCK },
  );
}

/** Taken by every start-up DDL of identity (its tables, the vault's, OIDC's). */
export const IDENTITY_DDL_LOCK = 'serang-ddl:identity.tables';

export interface PersonRow {
  id: string;
  kind: 'citizen' | 'staff';
  roles: string[];
  agency_id: string | null;
  nik_ciphertext: string | null;
  name_ciphertext: string | null;
  email_ciphertext: string | null;
  phone_ciphertext: string | null;
  address_ciphertext: string | null;
  birth_date_ciphertext: string | null;
  status: 'INVITED' | 'INVITATION_REVOKED' | 'ACTIVE' | 'ERASED';
  invited_by: string | null;
  expires_at: Date | null;
  joined_at: Date | null;
  erased_at: Date | null;
  created_at: Date;
}
