import type { Pool } from 'pg';

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
 * - `persons`: the read model of the person streams (ciphertexts only).
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
  )`;

/**
 * Creates the tables (and, through `alsoUnderLock`, the vault's) under one session advisory lock,
 * so replicas starting together do not race on `create … if not exists`.
 */
export async function ensureIdentityTables(db: Pool, alsoUnderLock: () => Promise<void>): Promise<void> {
  const lock = await db.connect();
  try {
    await lock.query(`select pg_advisory_lock(hashtext('serang-ddl:identity.tables'))`);
    try {
      await lock.query(IDENTITY_DDL);
      await alsoUnderLock();
    } finally {
      await lock.query(`select pg_advisory_unlock(hashtext('serang-ddl:identity.tables'))`);
    }
  } finally {
    lock.release();
  }
}

export interface PersonRow {
  id: string;
  kind: 'citizen' | 'staff';
  roles: string[];
  agency_id: string | null;
  nik_ciphertext: string | null;
  name_ciphertext: string | null;
  email_ciphertext: string | null;
  phone_ciphertext: string | null;
  created_at: Date;
}
