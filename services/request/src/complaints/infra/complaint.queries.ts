import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { ComplaintRow } from './complaints.tables';

export interface CategoryRow {
  code: string;
  name_id: string;
  name_en: string;
  sla_working_days: number;
  active: boolean;
}

export interface ComplaintQueueFilter {
  /** The staff member's agency; undefined for platform admins (triage sees every agency). */
  agencyId?: string;
  statuses: readonly string[];
  breached?: boolean;
  assigneeId?: string;
  limit: number;
  offset: number;
}

const COLUMNS = `id, status, version, category_code, agency_id, anonymous, confidential, pseudonym, application_id, assignee_id,
  filed_at, due_at, warned_at, breached_at, answered_at, closed_at, reopened`;
const COLUMNS_OF_C = COLUMNS.split(',')
  .map((c) => `c.${c.trim()}`)
  .join(', ');

/** Complaints' read side: categories, the work queues, a citizen's own list, and the owner record. */
@Injectable()
export class ComplaintQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async categories(includeInactive = false): Promise<CategoryRow[]> {
    const { rows } = await this.db.query<CategoryRow>(
      `select code, name_id, name_en, sla_working_days, active from request.complaint_categories where active or $1 order by code`,
      [includeInactive],
    );
    return rows;
  }

  async category(code: string): Promise<CategoryRow | null> {
    const { rows } = await this.db.query<CategoryRow>(
      'select code, name_id, name_en, sla_working_days, active from request.complaint_categories where code = $1',
      [code],
    );
    return rows[0] ?? null;
  }

  async upsertCategory(c: { code: string; nameId: string; nameEn: string; slaWorkingDays: number; active: boolean }): Promise<CategoryRow> {
    const { rows } = await this.db.query<CategoryRow>(
      `insert into request.complaint_categories (code, name_id, name_en, sla_working_days, active, updated_at) values ($1, $2, $3, $4, $5, now())
       on conflict (code) do update set name_id = excluded.name_id, name_en = excluded.name_en, sla_working_days = excluded.sla_working_days,
         active = excluded.active, updated_at = now()
       returning code, name_id, name_en, sla_working_days, active`,
      [c.code, c.nameId, c.nameEn, c.slaWorkingDays, c.active],
    );
    return rows[0];
  }

  /** Records who filed a complaint, in the filing's transaction (write side; staff never read it). */
  async recordOwner(tx: Pick<PoolClient, 'query'>, complaintId: string, personId: string, filedAt: Date): Promise<void> {
    await tx.query('insert into request.complaint_owners (complaint_id, person_id, filed_at) values ($1, $2, $3) on conflict do nothing', [
      complaintId,
      personId,
      filedAt,
    ]);
  }

  async ownedBy(personId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ complaint_id: string }>(
      'select complaint_id from request.complaint_owners where person_id = $1 order by filed_at desc, complaint_id desc limit 200',
      [personId],
    );
    return rows.map((r) => r.complaint_id);
  }

  /** A citizen's own complaints (the owner record, then the read model), newest first. */
  async mine(personId: string): Promise<ComplaintRow[]> {
    const { rows } = await this.db.query<ComplaintRow>(
      `select ${COLUMNS_OF_C} from request.complaint_owners o join request.complaints c on c.id = o.complaint_id
        where o.person_id = $1 order by o.filed_at desc, o.complaint_id desc limit 200`,
      [personId],
    );
    return rows;
  }

  async queue(f: ComplaintQueueFilter): Promise<ComplaintRow[]> {
    const { rows } = await this.db.query<ComplaintRow>(
      `select ${COLUMNS} from request.complaints
        where ($1::text is null or agency_id = $1) and status = any($2::text[])
          and ($3::boolean is null or (breached_at is not null) = $3) and ($4::text is null or assignee_id = $4)
        order by due_at asc nulls last, id limit $5 offset $6`,
      [f.agencyId ?? null, f.statuses, f.breached ?? null, f.assigneeId ?? null, f.limit, f.offset],
    );
    return rows;
  }
}
