import type { Pool } from 'pg';

/**
 * The webhook feature's tables in notification's schema. `webhook_subscriptions` and
 * `agency_systems` are projections (of notification's own `webhook` stream and identity's
 * `agencysystem` events); `webhook_secrets` holds each secret version sealed under the vault's
 * master key (never in an event); `webhook_applications` is what an agency system may hear of an
 * application (ids, status, tracking number, version); `webhook_deliveries` is the outbox and
 * delivery log (the exact body sent, no personal data); `webhook_senders` is each subscription's
 * sending state (failing since, next try, lease).
 */
export async function ensureWebhookTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:notification.webhook-tables'));
    create schema if not exists notification;
    create table if not exists notification.agency_systems (
      system_id text primary key,
      agency_id text not null,
      status    text not null
    );
    create table if not exists notification.webhook_subscriptions (
      id              uuid primary key,
      agency_id       text not null,
      system_id       text not null,
      url             text not null,
      event_types     text[] not null,
      status          text not null,
      disabled_reason text,
      secret_version  int not null,
      created_at      timestamptz not null,
      updated_at      timestamptz not null
    );
    create index if not exists webhook_subscriptions_agency_idx on notification.webhook_subscriptions (agency_id);
    create table if not exists notification.webhook_secrets (
      subscription_id uuid not null,
      version         int not null,
      master_key_id   text not null,
      sealed          bytea not null,
      created_at      timestamptz not null,
      primary key (subscription_id, version)
    );
    create table if not exists notification.webhook_applications (
      application_id  text primary key,
      agency_id       text not null,
      tracking_number text not null,
      status          text not null,
      version         bigint not null
    );
    create table if not exists notification.webhook_deliveries (
      seq                  bigserial primary key,
      id                   text not null unique,
      subscription_id      uuid not null,
      application_id       text not null,
      event_type           text not null,
      body                 text not null,
      occurred_at          timestamptz not null,
      replay_of            text,
      status               text not null,
      attempts             int not null default 0,
      last_attempt_at      timestamptz,
      last_response_status int,
      last_error           text,
      delivered_at         timestamptz,
      created_at           timestamptz not null
    );
    create index if not exists webhook_deliveries_pending_idx on notification.webhook_deliveries (subscription_id, application_id, seq) where status = 'pending';
    create index if not exists webhook_deliveries_log_idx on notification.webhook_deliveries (subscription_id, seq desc);
    create table if not exists notification.webhook_senders (
      subscription_id uuid primary key,
      failures        int not null default 0,
      failing_since   timestamptz,
      next_attempt_at timestamptz,
      leased_until    timestamptz
    )`);
}
