import { get as httpGet } from 'node:http';
import { resolve } from 'node:path';
import { ChildProcesses, type Child, type ChildSpec, type Exit, type StopReport } from './child-processes';
import { CrashHistory, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy';
import type { SupervisionEvent } from './supervision-events';

const REPO = resolve(__dirname, '../../..');

export const SERVICE_NAMES = ['identity', 'catalogue', 'request', 'notification', 'analytics'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type ProcessName = ServiceName | 'gateway';

export const DEFAULT_PORTS: Record<ProcessName, number> = {
  gateway: 4000,
  identity: 4101,
  catalogue: 4102,
  request: 4103,
  notification: 4104,
  analytics: 4105,
};

/**
 * How long stop() waits after SIGTERM before SIGKILL. Each process exits by itself within its
 * SHUTDOWN_TIMEOUT_SECONDS (5 s by default), so this only catches one that is wedged for good.
 */
export const DEFAULT_STOP_GRACE_MS = 7_000;

export interface LaunchOptions {
  /** The platform's database (every service its own schema, one event store). */
  databaseUrl: string;
  ports?: Partial<Record<ProcessName, number>>;
  /** Shared environment: secrets, EVENT_BUS/KAFKA_BROKERS, LOG_LEVEL… */
  env: Record<string, string>;
  /** Each output line of each process (JSON logs), prefixed by its name. */
  onOutput?: (name: string, line: string) => void;
  /** Called when a process exits while the platform is meant to run and supervision does not restart it. */
  onUnexpectedExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
  readyTimeoutMs?: number;
  /** False to run the services only (composing the supergraph needs no gateway). */
  withGateway?: boolean;
  /**
   * Supervise the processes once the platform is ready, as a cluster would: a process that exits
   * is restarted with exponential backoff while the others keep serving; after repeated crashes
   * of one process within the window, the launcher gives up and stops everything. `npm start`
   * turns it on; tests leave it off unless they test it, so that a crash fails them visibly.
   */
  supervise?: boolean | Partial<RestartPolicy>;
  /** Each restart, recovery and the giving up, as it happens (supervision only). */
  onSupervision?: (event: SupervisionEvent) => void;
  /** Called once the launcher gave up and every process has stopped (supervision only). */
  onGaveUp?: (event: Extract<SupervisionEvent, { kind: 'gave-up' }>) => void;
  /** After SIGTERM, how long stop() waits before it SIGKILLs what is still running. */
  stopGraceMs?: number;
  /**
   * The output folder of `npm run build`: run each process as the container image does (`node
   * <entry>.js` from that folder, NODE_ENV=production) instead of from the TypeScript sources.
   */
  fromBuild?: string;
}

export interface RunningPlatform {
  gatewayUrl: string;
  urls: Record<ProcessName, string>;
  /** The restart policy in force, or undefined without supervision. */
  supervision?: RestartPolicy;
  pids(): number[];
  /** The current process of each name (a restart gives a new pid). */
  pidOf(name: ProcessName): number | undefined;
  /**
   * SIGTERM to every process at once, SIGKILL after the grace to any still running; resolves once
   * all have exited, with those that had to be killed. Idempotent; cancels pending restarts.
   */
  stop(): Promise<StopReport>;
}

/**
 * Runs the five services and the gateway, one process each (two code-first subgraphs cannot share
 * a process), from their TypeScript sources: `npm start` and the end-to-end tests both use this.
 */
export async function launchPlatform(opts: LaunchOptions): Promise<RunningPlatform> {
  const ports = { ...DEFAULT_PORTS, ...opts.ports };
  const urls = Object.fromEntries(Object.entries(ports).map(([n, p]) => [n, `http://127.0.0.1:${p}`])) as RunningPlatform['urls'];
  const readyTimeoutMs = opts.readyTimeoutMs ?? 150_000;
  const policy = opts.supervise ? { ...DEFAULT_RESTART_POLICY, ...(opts.supervise === true ? {} : opts.supervise) } : undefined;
  const crashes = policy ? new CrashHistory(policy) : undefined;
  const common = {
    ...opts.env,
    DATABASE_URL: opts.databaseUrl,
    IDENTITY_JWKS_URL: `${urls.identity}/.well-known/jwks.json`,
    HOST: '127.0.0.1',
  };
  const specs = new Map<ProcessName, ChildSpec>();
  const current = new Map<ProcessName, Child>();
  const restartTimers = new Set<NodeJS.Timeout>();
  let supervising = false;
  let stopping: Promise<StopReport> | undefined;

  const stop = (): Promise<StopReport> => {
    stopping ??= (async () => {
      restartTimers.forEach(clearTimeout);
      restartTimers.clear();
      return children.stopAll(opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
    })();
    return stopping;
  };

  const start = (name: ProcessName): Child => {
    const child = children.spawn(specs.get(name)!);
    current.set(name, child);
    return child;
  };

  /** A restarted process that becomes ready is reported; one that does not is killed, which counts as a crash. */
  const restart = (name: ProcessName, exitedAt: number): void => {
    if (stopping) return;
    const child = start(name);
    waitReady(child, `${urls[name]}/health/ready`, readyTimeoutMs).then(
      () => opts.onSupervision?.({ kind: 'restarted', name, pid: child.pid, downMs: Date.now() - exitedAt }),
      () => children.kill(child),
    );
  };

  const onExit = (child: Child, exit: Exit): void => {
    const name = child.name as ProcessName;
    if (stopping || current.get(name) !== child) return;
    if (!supervising || !crashes || !policy) {
      opts.onUnexpectedExit?.(name, exit.code, exit.signal);
      return;
    }
    const now = Date.now();
    const decision = crashes.record(name, exit.code, now);
    if (!decision.restart) {
      const event = { kind: 'gave-up' as const, name, pid: child.pid, exit, crashesInWindow: decision.crashesInWindow, why: decision.why };
      opts.onSupervision?.(event);
      void stop().then(() => opts.onGaveUp?.(event));
      return;
    }
    opts.onSupervision?.({ kind: 'crashed', name, pid: child.pid, exit, crashesInWindow: decision.crashesInWindow, restartInMs: decision.delayMs });
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      restart(name, now);
    }, decision.delayMs);
    restartTimers.add(timer);
  };

  const children = new ChildProcesses({ onOutput: opts.onOutput, onExit });
  const built = opts.fromBuild ? resolve(opts.fromBuild) : undefined;
  const define = (name: ProcessName, entry: string, env: Record<string, string>) =>
    specs.set(name, {
      name,
      // From the build: `node <entry>.js` in the output folder, as the container image runs it.
      args: built ? [resolve(built, entry.replace(/\.ts$/, '.js'))] : [resolve(REPO, 'scripts/run-ts.js'), entry],
      cwd: built ?? REPO,
      env: { ...process.env, ...(built ? { NODE_ENV: 'production' } : {}), ...common, OTEL_SERVICE_NAME: name, ...env },
    });
  for (const name of SERVICE_NAMES) define(name, `services/${name}/src/main.ts`, { PORT: String(ports[name]) });
  const subgraphUrls = Object.fromEntries(SERVICE_NAMES.map((n) => [`SUBGRAPH_${n.toUpperCase()}_URL`, `${urls[n]}/graphql`]));
  define('gateway', 'gateway/src/main.ts', { PORT: String(ports.gateway), ...subgraphUrls });

  const boot = async () => {
    const services = SERVICE_NAMES.map((name) => start(name));
    await Promise.all(services.map((p) => waitReady(p, `${urls[p.name as ServiceName]}/health/ready`, readyTimeoutMs)));
    if (opts.withGateway === false) return;
    await waitReady(start('gateway'), `${urls.gateway}/health/ready`, readyTimeoutMs);
  };
  try {
    await boot();
  } catch (e) {
    await stop();
    throw e;
  }
  // Only a platform that came up is supervised: a process that cannot start at all fails the launch.
  supervising = !!policy;
  return {
    gatewayUrl: `${urls.gateway}/graphql`,
    urls,
    supervision: policy,
    pids: () => children.alive().map((c) => c.pid),
    pidOf: (name) => {
      const child = current.get(name);
      return child && !child.exit ? child.pid : undefined;
    },
    stop,
  };
}

async function waitReady(p: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p.exit) throw new Error(`${p.name} exited before it was ready`);
    if (Date.now() > deadline) throw new Error(`${p.name} not ready within ${timeoutMs} ms`);
    if (await answersOk(url)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * GET `url` answers 2xx. node:http rather than fetch: fetch refuses the ports of its "bad ports"
 * list (6665–6669 among them, where a test port offset can put a service) without trying.
 */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolveOk) => {
    const req = httpGet(url, { timeout: 5_000, agent: false }, (res) => {
      res.resume();
      resolveOk((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolveOk(false));
  });
}
