import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';

export interface ThreadRow {
  id: string;
  citizen_id: string;
  agency_id: string;
  service_id: string;
  application_id: string;
  subject_ciphertext: string;
  status: 'OPEN' | 'CLOSED';
  assignee_id: string | null;
  last_seq: number;
  citizen_read_seq: number;
  agency_read_seq: number;
  opened_at: Date;
  updated_at: Date;
}

export interface MessageRow {
  thread_id: string;
  seq: number;
  message_id: string;
  author_id: string;
  author_role: string;
  text_ciphertext: string;
  attachment_ids: string[];
  posted_at: Date;
}

/** Cheap polls: threads changed since an instant (oldest first), messages after a number. */
@Injectable()
export class ConsultationQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async threads(f: {
    citizenId?: string;
    agencyId?: string;
    since?: Date;
    unclaimed?: boolean;
    assigneeId?: string;
    includeClosed: boolean;
    limit: number;
  }): Promise<ThreadRow[]> {
    const { rows } = await this.db.query<ThreadRow>(
      `select * from request.consultations
        where ($1::text is null or citizen_id = $1) and ($2::text is null or agency_id = $2)
          and ($3::timestamptz is null or updated_at > $3) and (not $4 or assignee_id is null)
          and ($5::text is null or assignee_id = $5) and ($6 or status = 'OPEN')
        order by updated_at, id limit $7`,
      [f.citizenId ?? null, f.agencyId ?? null, f.since ?? null, f.unclaimed ?? false, f.assigneeId ?? null, f.includeClosed, f.limit],
    );
    return rows;
  }

  /** Threads whose messages attach the document, with who attached it. */
  async threadsUsingDocument(
    documentId: string,
  ): Promise<Array<{ thread_id: string; agency_id: string; citizen_id: string; application_id: string; author_id: string }>> {
    const { rows } = await this.db.query<{ thread_id: string; agency_id: string; citizen_id: string; application_id: string; author_id: string }>(
      `select c.id as thread_id, c.agency_id, c.citizen_id, c.application_id, m.author_id
         from request.consultation_messages m join request.consultations c on c.id = m.thread_id
        where m.attachment_ids @> array[$1::text]`,
      [documentId],
    );
    return rows;
  }

  async messages(threadId: string, after: number, limit: number): Promise<MessageRow[]> {
    const { rows } = await this.db.query<MessageRow>(
      `select * from request.consultation_messages where thread_id = $1 and seq > $2 order by seq limit $3`,
      [threadId, after, limit],
    );
    return rows;
  }
}
