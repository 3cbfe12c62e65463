import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PlatformModule, subgraphModule, systemClock, type PlatformConfig } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CatalogueProjection } from './application/catalogue.projection';
import { SeedCatalogue } from './application/seed-catalogue';
import { ServiceAuthoring } from './application/service-authoring';
import { catalogueMessages } from './catalogue.messages';
import { AgencyResolver, ServiceResolver } from './graphql/catalogue.resolver';
import { ServiceAuthoringResolver } from './graphql/service-authoring.resolver';
import { CatalogueQueries } from './infra/catalogue.queries';
import { ensureCatalogueTables } from './infra/catalogue.tables';

class CatalogueTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureCatalogueTables(this.db);
  }
}

@Module({})
export class CatalogueModule {
  static forRoot(config: PlatformConfig, log: Logger): DynamicModule {
    return {
      module: CatalogueModule,
      imports: [
        PlatformModule.forRoot({
          service: 'catalogue',
          config,
          log,
          messages: catalogueMessages,
          bus: { context: 'catalogue', owns: ['agency', 'service'], projects: ['agency', 'service'], consumes: [] },
        }),
        subgraphModule({ service: 'catalogue', config, log }),
      ],
      controllers: [CatalogueProjection],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        CatalogueTables,
        CatalogueQueries,
        ServiceAuthoring,
        SeedCatalogue,
        AgencyResolver,
        ServiceResolver,
        ServiceAuthoringResolver,
      ],
    };
  }
}
