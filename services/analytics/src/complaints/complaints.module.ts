import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import { ComplaintFiguresProjection } from './application/complaint-figures.projection';
import { AgencyComplaintsResolver } from './graphql/complaint-figures.resolver';
import { ComplaintFiguresRepository, ensureComplaintFigureTables } from './infra/complaint-figures.repository';

@Injectable()
class ComplaintFigureTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureComplaintFigureTables(this.db);
  }
}

/**
 * Complaint figures as a feature of analytics: request's `complaint` category it consumes, its
 * projection, `AgencyPerformance.complaints`. analytics.module.ts spreads these.
 */
export const ComplaintFiguresFeature = {
  consumes: ['complaint'],
  controllers: [ComplaintFiguresProjection],
  providers: [ComplaintFigureTables, ComplaintFiguresRepository, AgencyComplaintsResolver],
} as const;
