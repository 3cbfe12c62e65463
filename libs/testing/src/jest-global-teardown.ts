import type { RunningKafka, RunningPostgres } from '@serang/local-infra';

/** Stops what the global setup started (and only that). */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis as { __serangPostgres?: RunningPostgres; __serangKafka?: RunningKafka };
  await Promise.all([started.__serangPostgres?.stop(), started.__serangKafka?.stop()]);
}
