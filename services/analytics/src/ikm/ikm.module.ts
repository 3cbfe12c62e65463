import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import { IkmProjection } from './application/ikm.projection';
import { IkmQuery } from './application/ikm.query';
import { AgencyIkmResolver } from './graphql/ikm.resolver';
import { IkmReportController } from './http/ikm-report.controller';
import { ensureIkmTables } from './infra/ikm.tables';
import { SurveyResponsesRepository } from './infra/survey-responses.repository';

@Injectable()
class IkmTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureIkmTables(this.db);
  }
}

/**
 * The satisfaction index (IKM) as a feature of analytics: request's `feedback` category it
 * consumes, its projection and report endpoint, its providers. analytics.module.ts spreads these.
 */
export const IkmFeature = {
  consumes: ['feedback'],
  controllers: [IkmProjection, IkmReportController],
  providers: [IkmTables, SurveyResponsesRepository, IkmQuery, AgencyIkmResolver],
} as const;
