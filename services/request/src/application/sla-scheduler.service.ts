import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, LOGGER, PG_POOL, PLATFORM_CONFIG, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { RequestConfig } from '../request.config';
import { SlaScheduler } from './sla-scheduler';

/** Runs the SLA scheduler every SLA_SCAN_INTERVAL_SECONDS in this replica (all replicas may). */
@Injectable()
export class SlaSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly scheduler: SlaScheduler;

  constructor(
    @Inject(PG_POOL) db: Pool,
    handler: CommandHandler,
    @Inject(CLOCK) clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: RequestConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    this.scheduler = new SlaScheduler(db, handler, clock, (applicationId, error) =>
      log.warn({ applicationId, err: String(error) }, 'SLA: an application could not be decided; the round went on'),
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.SLA_SCAN_INTERVAL_SECONDS === 0) return;
    this.timer = setInterval(() => this.kick(), this.config.SLA_SCAN_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.scheduler
      .round()
      .then((r) => (r.warned || r.breached || r.failed) && this.log.info(r, 'SLA round'))
      .catch((e: unknown) => this.log.warn({ err: String(e) }, 'SLA round failed; the next one tries again'))
      .finally(() => (this.running = undefined));
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
