import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';

export interface FeedbackRow {
  id: string;
  kind: 'SURVEY' | 'COMMENT';
  application_id: string | null;
  agency_id: string;
  service_id: string;
  respondent_id: string;
  scores: number[];
  critique_ciphertext: string;
  suggestion_ciphertext: string;
  given_at: Date;
}

export interface CommentsQuery {
  /** null: every agency (platform admins). */
  agencyId: string | null;
  serviceId?: string;
  from?: Date;
  to?: Date;
  /** Only rows with text. */
  limit: number;
  /** Keyset cursor: rows strictly older than this (given_at, id). */
  before?: { at: Date; id: string };
}

/** Reads of request.feedback: comments newest first, with a keyset cursor (cheap on a slow connection). */
@Injectable()
export class FeedbackQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async comments(q: CommentsQuery): Promise<FeedbackRow[]> {
    const { rows } = await this.db.query<FeedbackRow>(
      `select * from request.feedback
        where ($1::text is null or agency_id = $1) and ($2::text is null or service_id = $2)
          and ($3::timestamptz is null or given_at >= $3) and ($4::timestamptz is null or given_at < $4)
          and (critique_ciphertext <> '' or suggestion_ciphertext <> '')
          and ($5::timestamptz is null or (given_at, id) < ($5, $6::uuid))
        order by given_at desc, id desc limit $7`,
      [q.agencyId, q.serviceId ?? null, q.from ?? null, q.to ?? null, q.before?.at ?? null, q.before?.id ?? null, q.limit],
    );
    return rows;
  }
}
