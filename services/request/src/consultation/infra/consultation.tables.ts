import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';

/**
 * Consultation's read models, in request's schema, projected from the `consultation-<id>` streams
 * (rebuildable by replay): one row per thread (for lists polled with `since`) and one per message
 * (read with `after`). Texts stay vault ciphertexts under the citizen's key.
 */
export async function ensureConsultationTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:request.tables'));
    create schema if not exists request;
    create table if not exists request.consultations (
      id                 uuid primary key,
      citizen_id         text not null,
      agency_id          text not null,
      service_id         text not null,
      application_id     text not null,
      subject_ciphertext text not null,
      status             text not null,
      assignee_id        text,
      last_seq           int not null default 0,
      citizen_read_seq   int not null default 0,
      agency_read_seq    int not null default 0,
      opened_at          timestamptz not null,
      updated_at         timestamptz not null
    );
    create index if not exists consultations_citizen_idx on request.consultations (citizen_id, updated_at, id);
    create index if not exists consultations_agency_idx on request.consultations (agency_id, updated_at, id);
    create table if not exists request.consultation_messages (
      thread_id       uuid not null,
      seq             int not null,
      message_id      uuid not null,
      author_id       text not null,
      author_role     text not null,
      text_ciphertext text not null,
      attachment_ids  text[] not null,
      posted_at       timestamptz not null,
      primary key (thread_id, seq)
    );
    create index if not exists consultation_messages_attachments_idx on request.consultation_messages using gin (attachment_ids)`);
}

@Injectable()
export class ConsultationTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureConsultationTables(this.db);
  }
}
