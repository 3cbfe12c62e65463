import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PlatformModule, subgraphModule, systemClock } from '@serang/platform';
import { parseMasterKeys, Vault } from '@serang/vault';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { FormValidator } from './application/form-validator';
import { RequestProjection } from './application/request.projection';
import { SubmitApplicationHandler } from './application/submit-application';
import { SUBMISSION_POLICY, type SubmissionPolicy } from './application/submission-policy';
import { workingDayCalendar } from './domain/working-days';
import { ApplicationResolver } from './graphql/application.resolver';
import { TrackingResolver } from './graphql/tracking.resolver';
import { ApplicationQueries } from './infra/application.queries';
import { ensureRequestTables } from './infra/request.tables';
import { ServiceDefinitions } from './infra/service-definitions.queries';
import type { RequestConfig } from './request.config';
import { formMessages, requestMessages } from './request.messages';

/** Request's tables and its own vault key table, ready before the consumers start. */
class RequestTables implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(Vault) private readonly vault: Vault,
  ) {}
  async onModuleInit(): Promise<void> {
    await ensureRequestTables(this.db);
    await this.vault.ensureSchema();
  }
}

@Module({})
export class RequestModule {
  static forRoot(config: RequestConfig, log: Logger): DynamicModule {
    const policy: SubmissionPolicy = { trackingPrefix: config.TRACKING_PREFIX, calendar: workingDayCalendar(config.HOLIDAYS) };
    return {
      module: RequestModule,
      imports: [
        PlatformModule.forRoot({
          service: 'request',
          config,
          log,
          messages: { ...requestMessages, ...formMessages },
          bus: {
            context: 'request',
            owns: ['application'],
            projects: ['application'],
            consumes: [
              { context: 'catalogue', categories: ['service'] },
              { context: 'identity', categories: ['person'] },
            ],
          },
        }),
        subgraphModule({ service: 'request', config, log }),
      ],
      controllers: [RequestProjection],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: SUBMISSION_POLICY, useValue: policy },
        {
          provide: Vault,
          useFactory: (db: Pool) => new Vault(db, { schema: 'request', masterKeys: parseMasterKeys(config.VAULT_MASTER_KEYS, config.VAULT_MASTER_KEY_ID) }),
          inject: [PG_POOL],
        },
        RequestTables,
        ServiceDefinitions,
        ApplicationQueries,
        FormValidator,
        SubmitApplicationHandler,
        ApplicationResolver,
        TrackingResolver,
      ],
    };
  }
}
