import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';

/** The agencies analytics reports on: every one catalogue registered. */
@Injectable()
export class AgenciesRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** Within the consumer's transaction; a redelivery changes nothing. */
  async record(tx: PoolClient, agencyId: string): Promise<void> {
    await tx.query(`insert into analytics.agencies (agency_id) values ($1) on conflict do nothing`, [agencyId]);
  }

  async ids(): Promise<string[]> {
    const { rows } = await this.db.query<{ agency_id: string }>(`select agency_id from analytics.agencies order by agency_id`);
    return rows.map((r) => r.agency_id);
  }
}
