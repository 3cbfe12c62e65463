import type { Pool } from 'pg';
import type { NotificationKind, TemplateParams } from '../domain/inbox.policy';

/**
 * Notification's read models, in its own schema; rebuilt from the events it consumes. The inbox
 * keeps template parameters, not text: messages are rendered in the reader's language on read.
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
    create index if not exists inbox_recipient_idx on notification.inbox (recipient_id, created_at desc, id desc);
    create table if not exists notification.erased_recipients (
      person_id text primary key,
      erased_at timestamptz not null
    )`);
}

export interface InboxRow {
  id: string;
  recipient_id: string;
  kind: NotificationKind;
  params: TemplateParams;
  created_at: Date;
  read_at: Date | null;
}
