import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { Period } from '../../domain/period.value';

/**
 * `analytics.complaints`: one row per complaint — the agency it is with now (after triage and
 * forwarding), the Jakarta day it was filed, whether and when it was answered and closed, whether
 * its SLA was breached. Counts only: no person, no pseudonym, no text. Keyed by complaint, so a
 * redelivered event changes nothing; rebuilt by replaying request's complaint streams.
 */
export async function ensureComplaintFigureTables(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:analytics.tables'));
    create schema if not exists analytics;
    create table if not exists analytics.complaints (
      complaint_id text primary key,
      agency_id    text not null,
      filed_day    date not null,
      answered_at  timestamptz,
      closed_at    timestamptz,
      breached     boolean not null default false
    );
    create index if not exists complaints_agency_day_idx on analytics.complaints (agency_id, filed_day)`);
}

export interface ComplaintTotals {
  agency_id: string;
  received: number;
  answered: number;
  closed: number;
  breached: number;
}

@Injectable()
export class ComplaintFiguresRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async filed(tx: PoolClient, c: { complaintId: string; agencyId: string; day: string }): Promise<void> {
    await tx.query(
      `insert into analytics.complaints (complaint_id, agency_id, filed_day) values ($1, $2, $3) on conflict (complaint_id) do nothing`,
      [c.complaintId, c.agencyId, c.day],
    );
  }

  /** Verified (routed) or forwarded: the complaint counts for the agency it is with now. */
  async movedTo(tx: PoolClient, complaintId: string, agencyId: string): Promise<void> {
    await tx.query('update analytics.complaints set agency_id = $2 where complaint_id = $1', [complaintId, agencyId]);
  }

  async answered(tx: PoolClient, complaintId: string, at: string): Promise<void> {
    await tx.query('update analytics.complaints set answered_at = coalesce(answered_at, $2) where complaint_id = $1', [complaintId, at]);
  }

  async closed(tx: PoolClient, complaintId: string, at: string): Promise<void> {
    await tx.query('update analytics.complaints set closed_at = $2 where complaint_id = $1', [complaintId, at]);
  }

  /** Reopened after its answer: open again until it is closed again. */
  async reopened(tx: PoolClient, complaintId: string): Promise<void> {
    await tx.query('update analytics.complaints set closed_at = null where complaint_id = $1', [complaintId]);
  }

  async breached(tx: PoolClient, complaintId: string): Promise<void> {
    await tx.query('update analytics.complaints set breached = true where complaint_id = $1', [complaintId]);
  }

  /** Complaints filed in the period, per agency they are with now. */
  async totals(agencyId: string | null, period: Period): Promise<ComplaintTotals[]> {
    const { rows } = await this.db.query<ComplaintTotals>(
      `select agency_id, count(*)::int as received, count(answered_at)::int as answered, count(closed_at)::int as closed,
              count(*) filter (where breached)::int as breached
         from analytics.complaints
        where ($1::text is null or agency_id = $1) and ($2::date is null or filed_day >= $2::date) and ($3::date is null or filed_day <= $3::date)
        group by agency_id`,
      [agencyId, period.from ?? null, period.to ?? null],
    );
    return rows;
  }
}
