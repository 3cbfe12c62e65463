import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { Period } from '../../domain/period.value';

export interface ResponseRow {
  service_id: string;
  scores: number[];
  age_group: string;
  sex: string;
  education: string;
  occupation: string;
}

/** Survey answers and the endings of applications they are drawn from, per agency, service and Jakarta day. */
@Injectable()
export class SurveyResponsesRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async recordResponse(
    tx: PoolClient,
    r: {
      feedbackId: string;
      agencyId: string;
      serviceId: string;
      day: string;
      answeredAt: string;
      scores: number[];
      profile: [string, string, string, string];
    },
  ): Promise<void> {
    await tx.query(
      `insert into analytics.survey_responses (feedback_id, agency_id, service_id, day, answered_at, scores, age_group, sex, education, occupation)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (feedback_id) do nothing`,
      [r.feedbackId, r.agencyId, r.serviceId, r.day, r.answeredAt, r.scores, ...r.profile],
    );
  }

  /** An application ended; its agency and service come from its submission (which analytics saw first: same stream). */
  async recordEnding(tx: PoolClient, e: { applicationId: string; day: string; outcome: string }): Promise<void> {
    await tx.query(
      `insert into analytics.application_endings (application_id, agency_id, service_id, day, outcome)
       select application_id, agency_id, service_id, $2, $3 from analytics.applications where application_id = $1
       on conflict (application_id) do nothing`,
      [e.applicationId, e.day, e.outcome],
    );
  }

  /** Every answer of the agencies in scope within the period, oldest first (the report lists them in order). */
  async responses(agencyId: string | null, period: Period): Promise<Array<ResponseRow & { agency_id: string }>> {
    const { rows } = await this.db.query<ResponseRow & { agency_id: string }>(
      `select agency_id, service_id, scores, age_group, sex, education, occupation from analytics.survey_responses
        where ($1::text is null or agency_id = $1) and ($2::date is null or day >= $2::date) and ($3::date is null or day <= $3::date)
        order by answered_at, feedback_id`,
      [agencyId, period.from ?? null, period.to ?? null],
    );
    return rows;
  }

  /** Applications that ended completed or rejected, per agency and service, within the period. */
  async populations(agencyId: string | null, period: Period): Promise<Array<{ agency_id: string; service_id: string; n: number }>> {
    const { rows } = await this.db.query<{ agency_id: string; service_id: string; n: number }>(
      `select agency_id, service_id, count(*)::int as n from analytics.application_endings
        where ($1::text is null or agency_id = $1) and ($2::date is null or day >= $2::date) and ($3::date is null or day <= $3::date)
        group by agency_id, service_id`,
      [agencyId, period.from ?? null, period.to ?? null],
    );
    return rows;
  }
}
