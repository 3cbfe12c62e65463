import type { Logger } from 'pino';

/**
 * How long a process may take to stop after SIGINT/SIGTERM before it exits regardless. Below the
 * launcher's grace before SIGKILL (and Kubernetes' 30 s), so a process that hangs still ends on
 * its own terms: it says so in its log.
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 5;

/**
 * Stops the process on SIGINT or SIGTERM: `close` (HTTP server, consumers, pools, Kafka clients)
 * gets `timeoutMs`, then the process exits anyway — a pool waiting on a stuck query or a Kafka
 * client that never leaves its group must not hold up `npm start`'s Ctrl-C or a rolling update.
 * Later signals are ignored rather than cutting the shutdown short: Ctrl-C reaches every process
 * of the terminal's group and the launcher's SIGTERM follows a moment later.
 */
export function exitOnSignals(name: string, log: Logger, timeoutMs: number, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${name} stopping`);
    const deadline = setTimeout(() => {
      log.warn({ signal, timeoutMs }, `${name} did not stop within ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    close().then(
      () => {
        clearTimeout(deadline);
        log.info(`${name} stopped`);
        process.exit(0);
      },
      (e: unknown) => {
        clearTimeout(deadline);
        log.error({ err: e instanceof Error ? e.message : String(e) }, `${name} did not stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
