/** What a resilient loop is told about its attempt: call `progressed()` to reset the backoff. */
export interface Attempt {
  progressed(): void;
}

export interface RetryOptions {
  /** Still wanted? Checked before each attempt and after each failure. */
  isRunning: () => boolean;
  /** Reports and cleans up (close what the attempt opened) before the backoff. */
  onFailure: (error: unknown, failures: number) => void | Promise<void>;
  /** First backoff; it doubles per consecutive failure up to maxMs (defaults 100 ms / 5 s). */
  baseMs?: number;
  maxMs?: number;
}

/**
 * Runs `attempt` until it returns normally or the owner stops, waiting with exponential backoff
 * after each failure: the one shape of every "resume from the checkpoint after the broker or the
 * database came back" loop (relay, store consumer, the gateway's revocation feeds).
 */
export async function retryUntilStopped(attempt: (a: Attempt) => Promise<void>, opts: RetryOptions): Promise<void> {
  let failures = 0;
  const progress: Attempt = { progressed: () => (failures = 0) };
  while (opts.isRunning()) {
    try {
      await attempt(progress);
      return;
    } catch (e) {
      if (!opts.isRunning()) return;
      failures++;
      await opts.onFailure(e, failures);
      await new Promise((r) => setTimeout(r, Math.min((opts.baseMs ?? 100) * 2 ** failures, opts.maxMs ?? 5000)));
    }
  }
}
