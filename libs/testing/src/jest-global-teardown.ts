import type { RunningPostgres } from '@serang/local-infra';

/** Stops what the global setup started (and only that). */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __serangPostgres?: RunningPostgres }).__serangPostgres?.stop();
}
