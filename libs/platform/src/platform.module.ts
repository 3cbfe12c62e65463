import { Global, Module, type DynamicModule, type OnModuleDestroy, Inject } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { createPool, type GuardedPool } from '@serang/db';
import { CommandHandler, PostgresEventStore, type Upcaster } from '@serang/eventstore';
import type { Logger } from 'pino';
import { tokenVerifierFor, TokenVerifier } from './auth';
import type { PlatformConfig } from './config';
import { appendMetrics } from './flow-metrics';
import { BUS_SPEC, EventBus, type BusSpec } from './event-bus';
import { registerMessages, type Messages } from './errors';
import { StrictDateTime } from './date-time.scalar';
import { DomainErrorFilter } from './domain-errors.filter';
import { HealthController } from './health.controller';
import { EVENT_STORE, LOGGER, PG_POOL, PLATFORM_CONFIG, SERVICE_NAME } from './tokens';

export interface PlatformModuleOptions {
  service: string;
  config: PlatformConfig;
  log: Logger;
  bus: BusSpec;
  messages?: Messages;
  /** The service's upcasters: old shapes of its events turned into the current ones on every read. */
  upcasters?: readonly Upcaster[];
}

class PoolCloser implements OnModuleDestroy {
  constructor(
    @Inject(PG_POOL) private readonly pool: GuardedPool,
    @Inject(EVENT_STORE) private readonly store: PostgresEventStore,
  ) {}
  async onModuleDestroy(): Promise<void> {
    await this.store.close();
    await this.pool.end();
  }
}

/** Configuration, database, event store, bus, auth, health and metrics for one service. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(opts: PlatformModuleOptions): DynamicModule {
    if (opts.messages) registerMessages(opts.messages);
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_NAME, useValue: opts.service },
        { provide: PLATFORM_CONFIG, useValue: opts.config },
        { provide: LOGGER, useValue: opts.log },
        { provide: BUS_SPEC, useValue: opts.bus },
        {
          provide: PG_POOL,
          useFactory: () => {
            const c = opts.config;
            const pool = createPool({
              connectionString: c.DATABASE_URL,
              name: opts.service,
              max: c.DB_POOL_MAX,
              acquireTimeoutMs: c.DB_POOL_ACQUIRE_TIMEOUT_MS,
              guard: c.DB_POOL_GUARD,
              onViolation: (e) => opts.log.error({ err: e.stack }, 'a flow took a second database connection while holding one (deadlock risk)'),
            });
            pool.on('error', (e) => opts.log.warn({ err: e.message }, 'idle database connection lost'));
            return pool;
          },
        },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            PostgresEventStore.connect({
              connectionString: opts.config.DATABASE_URL,
              name: `${opts.service}:eventstore`,
              poolSize: opts.config.EVENTSTORE_POOL_MAX,
              acquireTimeoutMs: opts.config.DB_POOL_ACQUIRE_TIMEOUT_MS,
              upcasters: opts.upcasters,
              onAppend: appendMetrics,
            }),
        },
        // The one write path: load → decide → append for every aggregate of the service.
        { provide: CommandHandler, useFactory: (store: PostgresEventStore) => new CommandHandler(store, opts.config.TENANT), inject: [EVENT_STORE] },
        // The same instance as the GraphQL context's, for HTTP endpoints that verify tokens.
        { provide: TokenVerifier, useFactory: () => tokenVerifierFor(opts.config) },
        EventBus,
        PoolCloser,
        StrictDateTime,
        // Every resolver's refusals answered in one place (DomainError, a moved stream, a busy pool).
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
      exports: [SERVICE_NAME, PLATFORM_CONFIG, LOGGER, PG_POOL, EVENT_STORE, CommandHandler, EventBus, TokenVerifier],
    };
  }
}
