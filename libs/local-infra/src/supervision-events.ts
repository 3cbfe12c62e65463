import type { Exit } from './child-processes';
import type { RestartPolicy } from './restart-policy';

/** What supervision did, as it happened: for the log of `npm start` and for tests. */
export type SupervisionEvent =
  | { kind: 'crashed'; name: string; pid: number; exit: Exit; crashesInWindow: number; restartInMs: number }
  | { kind: 'restarted'; name: string; pid: number; downMs: number }
  | { kind: 'gave-up'; name: string; pid: number; exit: Exit; crashesInWindow: number; why: 'too-many-crashes' | 'bad-configuration' };

/** "exit code 1" or "signal SIGKILL". */
export function describeExit(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/** One log line per event, saying which process, how it ended and what happens next. */
export function describeSupervisionEvent(e: SupervisionEvent, policy: RestartPolicy): string {
  switch (e.kind) {
    case 'crashed':
      return `${e.name} (pid ${e.pid}) exited unexpectedly (${describeExit(e.exit)}); restarting it, next attempt in ${seconds(e.restartInMs)} (crash ${e.crashesInWindow}; gives up at ${policy.maxCrashes} within ${seconds(policy.windowMs)})`;
    case 'restarted':
      return `${e.name} is back (pid ${e.pid}), ${seconds(e.downMs)} after it exited`;
    case 'gave-up':
      return e.why === 'bad-configuration'
        ? `${e.name} (pid ${e.pid}) rejected its configuration (${describeExit(e.exit)}); a restart cannot fix that: giving up and stopping the platform`
        : `${e.name} (pid ${e.pid}) exited unexpectedly (${describeExit(e.exit)}), ${e.crashesInWindow} times within ${seconds(policy.windowMs)}; giving up and stopping the platform`;
    default: {
      const unknown: never = e;
      throw new Error(`unknown supervision event ${JSON.stringify(unknown)}`);
    }
  }
}
