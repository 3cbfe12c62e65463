/** How the launcher answers a process that exits while the platform runs (`npm start`). */
export interface RestartPolicy {
  /** Wait before the first restart; each further crash within the window doubles it. */
  initialDelayMs: number;
  /** The longest wait between restarts. */
  maxDelayMs: number;
  /** This many crashes of one process within `windowMs` and the launcher gives up. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 1000, maxDelayMs: 30_000, maxCrashes: 5, windowMs: 120_000 };

/** Exit code of a bad configuration (every process validates its own): a restart cannot fix it. */
export const CONFIG_ERROR_EXIT_CODE = 78;

export type RestartDecision =
  | { restart: true; delayMs: number; crashesInWindow: number }
  | { restart: false; crashesInWindow: number; why: 'too-many-crashes' | 'bad-configuration' };

/**
 * The crashes of each process, and what to do about the latest one: restart after an exponential
 * backoff (1 s, 2 s, 4 s… up to the cap), or give up — after `maxCrashes` crashes of the same
 * process within `windowMs` (a crash loop the platform cannot fix by itself), or at once when the
 * process rejected its configuration. Crashes older than the window are forgotten, so a process
 * that crashes once a day restarts after the initial delay each time. Pure: time comes in.
 */
export class CrashHistory {
  private readonly crashes = new Map<string, number[]>();

  constructor(private readonly policy: RestartPolicy) {}

  record(name: string, exitCode: number | null, at: number): RestartDecision {
    const recent = (this.crashes.get(name) ?? []).filter((t) => at - t < this.policy.windowMs);
    recent.push(at);
    this.crashes.set(name, recent);
    const crashesInWindow = recent.length;
    if (exitCode === CONFIG_ERROR_EXIT_CODE) return { restart: false, crashesInWindow, why: 'bad-configuration' };
    if (crashesInWindow >= this.policy.maxCrashes) return { restart: false, crashesInWindow, why: 'too-many-crashes' };
    const delayMs = Math.min(this.policy.initialDelayMs * 2 ** (crashesInWindow - 1), this.policy.maxDelayMs);
    return { restart: true, delayMs, crashesInWindow };
  }
}
