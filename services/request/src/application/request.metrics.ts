import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PoolExhaustedError } from '@serang/db';
import { PG_POOL, registry } from '@serang/platform';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Application } from '../domain/application.decider';
import type { ApplicationEvent } from '../domain/application.events';
import { RequestError } from '../domain/request.errors';

// Business counters per agency (its code) and service (its id): both come from the catalogue, so
// the label sets are bounded. Never an application's or a person's id. Counted by the replica
// that appended the events, once the append succeeded: sum them over the replicas.
const labelNames = ['agency', 'service'] as const;
const submissions = new Counter({
  name: 'serang_applications_submitted_total',
  help: 'Applications submitted, by agency and service',
  labelNames,
  registers: [registry],
});
const closed = new Counter({
  name: 'serang_applications_closed_total',
  help: 'Applications that ended, by agency, service, outcome (completed, rejected, cancelled) and sla (met, missed: breached before the end)',
  labelNames: [...labelNames, 'outcome', 'sla'] as const,
  registers: [registry],
});
const warnings = new Counter({
  name: 'serang_sla_warnings_total',
  help: 'SLA warnings raised (80 % of the working time gone), by agency and service',
  labelNames,
  registers: [registry],
});
const breaches = new Counter({
  name: 'serang_sla_breaches_total',
  help: 'SLA breaches recorded (the due time passed before a decision), by agency and service',
  labelNames,
  registers: [registry],
});

// The submission SLOs (infra/prometheus/serang.rules.yaml): outcome ok, refused (a domain refusal:
// the caller's input, not our failure), busy (a saturated pool answered TOO_MANY_REQUESTS), error.
const submitOutcomes = new Counter({
  name: 'serang_submissions_total',
  help: 'submitApplication commands by outcome: ok (a resend too), refused (invalid input, unknown service…), busy (TOO_MANY_REQUESTS), error',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
for (const outcome of ['ok', 'refused', 'busy', 'error']) submitOutcomes.inc({ outcome }, 0);
const submitDuration = new Histogram({
  name: 'serang_submission_duration_seconds',
  help: 'How long submitApplication took in request (validation, vault, append), refusals included',
  buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** Runs one submission, counting its outcome and timing it. */
export async function timeSubmission<T>(submit: () => Promise<T>): Promise<T> {
  const end = submitDuration.startTimer();
  try {
    const result = await submit();
    submitOutcomes.inc({ outcome: 'ok' });
    return result;
  } catch (e) {
    submitOutcomes.inc({ outcome: e instanceof RequestError ? 'refused' : e instanceof PoolExhaustedError ? 'busy' : 'error' });
    throw e;
  } finally {
    end();
  }
}

/** Counts what an append of an application's events recorded; call it once the append succeeded. */
export function countApplicationEvents(
  of: Pick<Application, 'agencyId' | 'serviceId'> & { breached?: boolean },
  events: readonly ApplicationEvent[],
): void {
  const labels = { agency: of.agencyId, service: of.serviceId };
  let breached = !!of.breached;
  for (const e of events) {
    if (e.type === 'ApplicationSubmitted') {
      submissions.inc(labels);
      // Every series of the pair exists from its first submission on (at 0): rates and ratios
      // over them answer 0, not "no data", until something happens.
      warnings.inc(labels, 0);
      breaches.inc(labels, 0);
      for (const outcome of ['completed', 'rejected', 'cancelled']) for (const sla of ['met', 'missed']) closed.inc({ ...labels, outcome, sla }, 0);
    } else if (e.type === 'ApplicationTransitioned' && e.data.outcome)
      closed.inc({ ...labels, outcome: e.data.outcome.toLowerCase(), sla: breached ? 'missed' : 'met' });
    else if (e.type === 'ApplicationCancelled') closed.inc({ ...labels, outcome: 'cancelled', sla: breached ? 'missed' : 'met' });
    else if (e.type === 'ApplicationSlaWarningRaised') warnings.inc(labels);
    else if (e.type === 'ApplicationSlaBreached') {
      breaches.inc(labels);
      breached = true;
    }
  }
}

let readModel: Pool | undefined;
let cached: { at: number; rows: Promise<Array<{ agency_id: string; service_id: string; open: number; breached: number }>> } | undefined;

new Gauge({
  name: 'serang_applications_open',
  help: "Applications not yet ended (the backlog), by agency, service and sla (on_time, breached), from request's read model: the same on every replica (take max, not sum)",
  labelNames: [...labelNames, 'sla'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    if (!readModel) return;
    const db = readModel;
    if (!cached || Date.now() - cached.at > 5_000) {
      const rows = db
        .query<{ agency_id: string; service_id: string; open: number; breached: number }>(
          `select agency_id, service_id, count(*)::int as open, count(breached_at)::int as breached
             from request.applications where closed_at is null group by agency_id, service_id`,
        )
        .then((r) => r.rows);
      cached = { at: Date.now(), rows };
      rows.catch(() => (cached = undefined));
    }
    for (const r of await cached.rows.catch(() => [])) {
      this.set({ agency: r.agency_id, service: r.service_id, sla: 'on_time' }, r.open - r.breached);
      this.set({ agency: r.agency_id, service: r.service_id, sla: 'breached' }, r.breached);
    }
  },
});

/** Points the backlog gauge at this process's database. */
@Injectable()
export class RequestMetrics implements OnModuleDestroy {
  constructor(@Inject(PG_POOL) db: Pool) {
    readModel = db;
  }

  onModuleDestroy(): void {
    readModel = undefined;
    cached = undefined;
  }
}
