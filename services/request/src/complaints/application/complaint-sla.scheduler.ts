import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandHandler, StreamChangedError } from '@serang/eventstore';
import { CLOCK, LOGGER, PeriodicRound, PG_POOL, PLATFORM_CONFIG, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { RequestConfig } from '../../request.config';
import { COMPLAINT_SLA_CLOCK, ComplaintAggregate } from '../domain/complaint.aggregate';
import { ComplaintNotFound } from '../domain/complaint.errors';

export interface ComplaintSlaRound {
  warned: number;
  breached: number;
  contended: number;
  failed: number;
}

const BATCH = 200;

/**
 * Complaint SLA warnings and breaches, exactly as applications' (application/sla-scheduler.ts):
 * candidates from the read model, each decided on its own stream with the revision read, so any
 * number of replicas raise each warning and breach once. Time from the clock it is given.
 */
export class ComplaintSlaScheduler {
  constructor(
    private readonly db: Pool,
    private readonly handler: CommandHandler,
    private readonly clock: Clock,
    private readonly onError?: (complaintId: string, error: unknown) => void,
  ) {}

  async round(): Promise<ComplaintSlaRound> {
    const now = this.clock.now();
    const result: ComplaintSlaRound = { warned: 0, breached: 0, contended: 0, failed: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.db.query<{ id: string }>(
        `select id from request.complaints
          where answered_at is null and closed_at is null and id > $2
            and ((warned_at is null and warn_at <= $1) or (breached_at is null and due_at < $1))
          order by id limit $3`,
        [now, after, BATCH],
      );
      for (const { id } of rows) {
        try {
          const { events } = await this.handler.handle(
            ComplaintAggregate,
            id,
            { type: 'CheckComplaintSla', data: {}, metadata: { now, actor: COMPLAINT_SLA_CLOCK } },
            { retryWhen: () => true },
          );
          result.warned += events.filter((e) => e.type === 'ComplaintSlaWarningRaised').length;
          result.breached += events.filter((e) => e.type === 'ComplaintSlaBreached').length;
        } catch (e) {
          if (e instanceof ComplaintNotFound) continue;
          if (e instanceof StreamChangedError) result.contended += 1;
          else {
            result.failed += 1;
            this.onError?.(id, e);
          }
        }
      }
      if (rows.length < BATCH) return result;
      after = rows[rows.length - 1].id;
    }
  }
}

/** Runs the complaint SLA scheduler every SLA_SCAN_INTERVAL_SECONDS in this replica (all replicas may). */
@Injectable()
export class ComplaintSlaService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly rounds: PeriodicRound<ComplaintSlaRound>;

  constructor(
    @Inject(PG_POOL) db: Pool,
    handler: CommandHandler,
    @Inject(CLOCK) clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: RequestConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    const scheduler = new ComplaintSlaScheduler(db, handler, clock, (complaintId, error) =>
      log.warn({ complaintId, err: String(error) }, 'complaint SLA: a complaint could not be decided; the round went on'),
    );
    this.rounds = new PeriodicRound(
      'complaint SLA round',
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
