import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';

/**
 * Feedback's read model, in request's schema: one row per survey answer or comment, projected from
 * the `feedback-<id>` streams (rebuildable by replay). The free text stays a vault ciphertext under
 * the respondent's key: erasing them makes it unreadable here too. `respondent_id` is kept only to
 * open that ciphertext; no answer ever shows it to staff. The DDL lock is request's one (the
 * schema is created by whichever runs first).
 */
export async function ensureFeedbackTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:request.tables'));
    create schema if not exists request;
    create table if not exists request.feedback (
      id                    uuid primary key,
      kind                  text not null,
      application_id        uuid,
      agency_id             text not null,
      service_id            text not null,
      respondent_id         text not null,
      scores                int[] not null,
      critique_ciphertext   text not null,
      suggestion_ciphertext text not null,
      given_at              timestamptz not null
    );
    create index if not exists feedback_agency_idx on request.feedback (agency_id, given_at desc, id desc);`);
}

/** Creates feedback's table at start-up, before its projection runs. */
@Injectable()
export class FeedbackTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureFeedbackTables(this.db);
  }
}
