import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';

export interface AccessLogRow {
  event_id: string;
  at: Date;
  subject_id: string;
  actor_id: string;
  actor_role: string;
  actor_agency: string | null;
  service: string;
  purpose: string;
  fields: string[];
  reason_ciphertext: string | null;
  application_id: string | null;
}

export interface AccessLogFilter {
  subjectId?: string;
  actorId?: string;
  actorAgency?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

/** Relations (which agencies a person deals with) and the personal-data access log. */
@Injectable()
export class PersonalDataQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async agenciesOf(personId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ agency_id: string }>('select agency_id from identity.agency_relations where person_id = $1', [personId]);
    return rows.map((r) => r.agency_id);
  }

  async accessLog(f: AccessLogFilter): Promise<AccessLogRow[]> {
    const { rows } = await this.db.query<AccessLogRow>(
      `select * from identity.personal_data_access_log
        where ($1::text is null or subject_id = $1) and ($2::text is null or actor_id = $2) and ($3::text is null or actor_agency = $3)
          and ($4::timestamptz is null or at >= $4) and ($5::timestamptz is null or at < $5)
        order by at desc, event_id desc limit $6`,
      [f.subjectId ?? null, f.actorId ?? null, f.actorAgency ?? null, f.from ?? null, f.to ?? null, f.limit],
    );
    return rows;
  }
}
