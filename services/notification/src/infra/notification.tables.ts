import type { Pool } from 'pg';
import type { NotificationKind, TemplateParams } from '../domain/notification.kinds';

/**
 * Notification's read models, in its own schema; rebuilt from the events it consumes. The inbox
 * keeps template parameters and the template version, not text: messages are rendered in the
 * reader's language on read. `applications` and `agency_staff` say whom an application's messages
 * go to; they hold ids only. `deliveries` is the outbox of messages on other channels (e-mail):
 * key, template and status — the address is read from identity at send time, never kept.
 */
export async function ensureNotificationTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:notification.tables'));
    create schema if not exists notification;
    create table if not exists notification.inbox (
      id              uuid primary key,
      recipient_id    text not null,
      kind            text not null,
      params          jsonb not null,
      source_event_id uuid not null,
      created_at      timestamptz not null,
      read_at         timestamptz
    );
    alter table notification.inbox add column if not exists template_version int not null default 1;
    create index if not exists inbox_recipient_idx on notification.inbox (recipient_id, created_at desc, id desc);
    create index if not exists inbox_unread_idx on notification.inbox (recipient_id) where read_at is null;
    create table if not exists notification.erased_recipients (
      person_id text primary key,
      erased_at timestamptz not null
    );
    create table if not exists notification.applications (
      application_id  text primary key,
      tracking_number text not null,
      service_id      text not null,
      agency_id       text not null,
      applicant_id    text not null,
      assignee_id     text
    );
    create table if not exists notification.agency_staff (
      person_id text primary key,
      agency_id text not null,
      roles     text[] not null
    );
    create index if not exists agency_staff_agency_idx on notification.agency_staff (agency_id);
    create table if not exists notification.deliveries (
      id                 uuid primary key,
      source_event_id    uuid not null,
      recipient_id       text not null,
      channel            text not null,
      kind               text not null,
      template_version   int not null,
      params             jsonb not null,
      status             text not null,
      attempts           int not null default 0,
      next_attempt_at    timestamptz,
      last_error         text,
      provider_reference text,
      created_at         timestamptz not null,
      updated_at         timestamptz not null
    );
    create index if not exists deliveries_due_idx on notification.deliveries (next_attempt_at) where next_attempt_at is not null;
    create index if not exists deliveries_recipient_idx on notification.deliveries (recipient_id);
    create index if not exists deliveries_parked_idx on notification.deliveries (updated_at desc, id desc) where status = 'technical-failure'`);
}

export interface InboxRow {
  id: string;
  recipient_id: string;
  kind: NotificationKind;
  template_version: number;
  params: TemplateParams;
  created_at: Date;
  read_at: Date | null;
}
