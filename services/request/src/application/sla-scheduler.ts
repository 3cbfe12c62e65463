import { WrongExpectedRevisionError, type EventStore, toNewEvents } from '@serang/eventstore';
import { type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { decide, evolve, fromHistory, isSubmitted, type Application } from '../domain/application.decider';
import { streamOf } from './application-streams';

export interface SlaRound {
  warned: number;
  breached: number;
  /** Candidates another writer (a replica, an officer) changed first: left to the next round. */
  contended: number;
  /** Candidates that could not be decided (logged by the caller; the round went on). */
  failed: number;
}

const BATCH = 200;
const SYSTEM = { id: 'sla-scheduler', role: 'SYSTEM' } as const;

/**
 * Raises SLA warnings (80 % of the working time gone) and breaches (the due time passed) as
 * events. Safe with any number of replicas running it at once: each candidate is decided on its
 * own stream and appended with the revision read, so of two schedulers deciding the same warning
 * one appends and the other gets a wrong-revision answer and moves on; the decider never raises
 * a warning or breach twice. Candidates come from the read model, the truth from the stream.
 * Time comes from the clock it is given, never from waiting.
 */
export class SlaScheduler {
  constructor(
    private readonly db: Pool,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly tenant: string,
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
    const state = fromHistory(await this.store.readStream(streamOf(id)));
    if (!isSubmitted(state)) return undefined;
    const warning = decide({ type: 'RaiseSlaWarning', metadata: { now } }, state);
    const afterWarning = warning.reduce(evolve, state) as Application;
    const breach = decide({ type: 'RecordSlaBreach', metadata: { now } }, afterWarning);
    const events = [...warning, ...breach];
    if (events.length === 0) return undefined;
    try {
      await this.store.append(streamOf(id), toNewEvents(events, { now, tenant: this.tenant, actor: SYSTEM }), BigInt(state.revision - 1));
    } catch (e) {
      if (e instanceof WrongExpectedRevisionError) return 'contended';
      throw e;
    }
    return { warned: warning.length, breached: breach.length };
  }
}
