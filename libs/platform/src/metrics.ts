import type { ApolloServerPlugin } from '@apollo/server';
import { openPools } from '@serang/db';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process: default Node metrics plus RED metrics per GraphQL operation. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requests = new Counter({
  name: 'serang_graphql_requests_total',
  help: 'GraphQL operations handled, by operation and outcome',
  labelNames: ['service', 'operation', 'outcome'] as const,
  registers: [registry],
});
const duration = new Histogram({
  name: 'serang_graphql_request_duration_seconds',
  help: 'GraphQL operation duration',
  labelNames: ['service', 'operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

new Gauge({
  name: 'serang_db_pool_connections',
  help: 'Connections of each database pool of the process, by state (busy, idle, waiting = callers queued for one)',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const p of openPools()) {
      this.set({ pool: p.name, state: 'busy' }, p.totalCount - p.idleCount);
      this.set({ pool: p.name, state: 'idle' }, p.idleCount);
      this.set({ pool: p.name, state: 'waiting' }, p.waitingCount);
    }
  },
});
new Gauge({
  name: 'serang_db_pool_max_connections',
  help: 'Size of each database pool of the process (busy / max is its usage)',
  labelNames: ['pool'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const p of openPools()) this.set({ pool: p.name }, p.options.max ?? 10);
  },
});
new Counter({
  name: 'serang_db_pool_exhausted_total',
  help: 'Callers turned away because no connection became free within the acquire timeout',
  labelNames: ['pool'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const p of openPools()) this.inc({ pool: p.name }, p.exhaustedCount);
  },
});

/** Records rate, errors and duration of every operation. */
export function metricsPlugin(service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const operation = ctx.operationName ?? ctx.operation?.operation ?? 'unknown';
          const failed = ctx.response.body.kind === 'single' && (ctx.response.body.singleResult.errors?.length ?? 0) > 0;
          requests.inc({ service, operation, outcome: failed ? 'error' : 'ok' });
          duration.observe({ service, operation }, Number(process.hrtime.bigint() - end) / 1e9);
        },
      };
    },
  };
}
