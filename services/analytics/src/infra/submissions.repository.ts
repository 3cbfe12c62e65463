import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { Period } from '../domain/period.value';
import type { PerformanceScope } from '../domain/performance-scope.policy';
import type { Submission } from '../domain/submission.fact';
import type { ServiceTotalRow } from './analytics.tables';

/** Writes and reads of the submission counts. */
@Injectable()
export class SubmissionsRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** Within the consumer's transaction: the application's facts, and +1 on its day — once per application. */
  async record(tx: PoolClient, s: Submission): Promise<void> {
    const { rowCount } = await tx.query(
      `insert into analytics.applications (application_id, agency_id, service_id, service_version, submitted_at, day, due_at)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (application_id) do nothing`,
      [s.applicationId, s.agencyId, s.serviceId, s.serviceVersion, s.submittedAt, s.day, s.dueAt],
    );
    if (!rowCount) return;
    await tx.query(
      `insert into analytics.daily_submissions (agency_id, service_id, day, submitted) values ($1, $2, $3, 1)
       on conflict (agency_id, day, service_id) do update set submitted = analytics.daily_submissions.submitted + 1`,
      [s.agencyId, s.serviceId, s.day],
    );
  }

  /** Submissions per agency and service within the scope and period. */
  async totals(scope: PerformanceScope, period: Period): Promise<ServiceTotalRow[]> {
    const { rows } = await this.db.query<ServiceTotalRow>(
      `select agency_id, service_id, sum(submitted)::int as submitted
         from analytics.daily_submissions
        where ($1::text is null or agency_id = $1)
          and ($2::date is null or day >= $2::date)
          and ($3::date is null or day <= $3::date)
        group by agency_id, service_id
        order by agency_id, service_id`,
      [scope.kind === 'agency' ? scope.agencyId : null, period.from ?? null, period.to ?? null],
    );
    return rows;
  }

  /** Submissions per Jakarta month, agency and service, every month the read model holds. */
  async monthly(): Promise<Array<{ month: string; agency_id: string; service_id: string; submitted: number }>> {
    const { rows } = await this.db.query<{ month: string; agency_id: string; service_id: string; submitted: number }>(
      `select to_char(day, 'YYYY-MM') as month, agency_id, service_id, sum(submitted)::int as submitted
         from analytics.daily_submissions
        group by 1, agency_id, service_id
        order by 1, agency_id, service_id`,
    );
    return rows;
  }
}
