import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { PG_POOL, PlatformModule, subgraphModule, type PlatformConfig } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { analyticsMessages } from './analytics.messages';
import { AgenciesProjection } from './application/agencies.projection';
import { AgencyPerformanceQuery } from './application/agency-performance.query';
import { OpenDataQuery } from './application/open-data.query';
import { SubmissionsProjection } from './application/submissions.projection';
import { AgencyPerformanceResolver } from './graphql/agency-performance.resolver';
import { AgencyResolver } from './graphql/agency.resolver';
import { OpenDataController } from './http/open-data.controller';
import { AgenciesRepository } from './infra/agencies.repository';
import { ensureAnalyticsTables } from './infra/analytics.tables';
import { SubmissionsRepository } from './infra/submissions.repository';
import { ComplaintFiguresFeature } from './complaints';
import { IkmFeature } from './ikm';

class AnalyticsTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureAnalyticsTables(this.db);
  }
}

/** Read models over other contexts' events; for now, catalogue's agencies and submissions per agency, service and day, and the open data made of them. */
@Module({})
export class AnalyticsModule {
  static forRoot(config: PlatformConfig, log: Logger): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        PlatformModule.forRoot({
          service: 'analytics',
          config,
          log,
          messages: analyticsMessages,
          bus: {
            context: 'analytics',
            owns: [],
            projects: [],
            consumes: [
              { context: 'catalogue', categories: ['agency'] },
              { context: 'request', categories: ['application', ...IkmFeature.consumes, ...ComplaintFiguresFeature.consumes] },
            ],
          },
        }),
        subgraphModule({ service: 'analytics', config, log }),
      ],
      controllers: [AgenciesProjection, SubmissionsProjection, OpenDataController, ...IkmFeature.controllers, ...ComplaintFiguresFeature.controllers],
      providers: [
        AnalyticsTables,
        AgenciesRepository,
        SubmissionsRepository,
        AgencyPerformanceQuery,
        OpenDataQuery,
        AgencyPerformanceResolver,
        AgencyResolver,
        ...IkmFeature.providers,
        ...ComplaintFiguresFeature.providers,
      ],
    };
  }
}
