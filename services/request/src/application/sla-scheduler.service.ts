import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, LOGGER, PeriodicRound, PG_POOL, PLATFORM_CONFIG, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { RequestConfig } from '../request.config';
import { SlaScheduler, type SlaRound } from './sla-scheduler';

/** Runs the SLA scheduler every SLA_SCAN_INTERVAL_SECONDS in this replica (all replicas may). */
@Injectable()
export class SlaSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly rounds: PeriodicRound<SlaRound>;

  constructor(
    @Inject(PG_POOL) db: Pool,
    handler: CommandHandler,
    @Inject(CLOCK) clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: RequestConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    const scheduler = new SlaScheduler(db, handler, clock, (applicationId, error) =>
      log.warn({ applicationId, err: String(error) }, 'SLA: an application could not be decided; the round went on'),
    );
    this.rounds = new PeriodicRound(
      'SLA round',
      () => scheduler.round(),
      log,
      (r) => !!(r.warned || r.breached || r.failed),
    );
  }

  onApplicationBootstrap(): void {
    this.rounds.start(this.config.SLA_SCAN_INTERVAL_SECONDS);
  }

  onModuleDestroy(): Promise<void> {
    return this.rounds.stop();
  }
}
