import { StreamChangedError, type CommandHandler } from '@serang/eventstore';
import { type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { ApplicationAggregate, SLA_CLOCK, type Application } from '../domain/application.decider';
import { ApplicationNotFound } from '../domain/request.errors';
import { countApplicationEvents } from './request.metrics';

export interface SlaRound {
  warned: number;
  breached: number;
  /** Candidates another writer (a replica, an officer) changed first: left to the next round. */
  contended: number;
  /** Candidates that could not be decided (logged by the caller; the round went on). */
  failed: number;
}

const BATCH = 200;

/**
 * Raises SLA warnings (80 % of the working time gone) and breaches (the due time passed) as
 * events. Safe with any number of replicas running it at once: each candidate is decided on its
 * own stream by the CommandHandler and appended with the revision read, so of two schedulers
 * deciding the same warning one appends and the other, told the stream moved, decides again on
 * what is there now — where the decider never raises a warning or breach twice. Candidates come from the read model, the truth from the stream.
 * Time comes from the clock it is given, never from waiting.
 */
export class SlaScheduler {
  constructor(
    private readonly db: Pool,
    private readonly handler: CommandHandler,
    private readonly clock: Clock,
    private readonly onError?: (applicationId: string, error: unknown) => void,
  ) {}

  async round(): Promise<SlaRound> {
    const now = this.clock.now();
    const result: SlaRound = { warned: 0, breached: 0, contended: 0, failed: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.db.query<{ id: string }>(
        `select id from request.applications
          where closed_at is null and id > $2
            and ((warned_at is null and warn_at <= $1) or (breached_at is null and due_at < $1))
          order by id limit $3`,
        [now, after, BATCH],
      );
      for (const { id } of rows) {
        // One application that cannot be decided (a stream it cannot read) must not stop the round.
        const outcome = await this.decideOne(id, now).catch((e: unknown) => {
          result.failed += 1;
          this.onError?.(id, e);
          return undefined;
        });
        if (outcome === 'contended') result.contended += 1;
        else if (outcome) {
          result.warned += outcome.warned;
          result.breached += outcome.breached;
        }
      }
      if (rows.length < BATCH) return result;
      after = rows[rows.length - 1].id;
    }
  }

  private async decideOne(id: string, now: Date): Promise<{ warned: number; breached: number } | 'contended' | undefined> {
    try {
      const { events, state } = await this.handler.handle(
        ApplicationAggregate,
        id,
        { type: 'CheckSla', data: {}, metadata: { now, actor: SLA_CLOCK } },
        { retryWhen: () => true },
      );
      if (events.length === 0) return undefined;
      countApplicationEvents(state as Application, events);
      return {
        warned: events.filter((e) => e.type === 'ApplicationSlaWarningRaised').length,
        breached: events.filter((e) => e.type === 'ApplicationSlaBreached').length,
      };
    } catch (e) {
      if (e instanceof ApplicationNotFound) return undefined;
      // Still moving after the handler's tries (officers at work): the next round sees it again.
      if (e instanceof StreamChangedError) return 'contended';
      throw e;
    }
  }
}
