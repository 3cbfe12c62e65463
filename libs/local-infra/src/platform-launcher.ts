import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');

export const SERVICE_NAMES = ['identity', 'catalogue', 'request', 'notification', 'analytics'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 4000,
  identity: 4101,
  catalogue: 4102,
  request: 4103,
  notification: 4104,
  analytics: 4105,
};

export interface LaunchOptions {
  /** The platform's database (every service its own schema, one event store). */
  databaseUrl: string;
  ports?: Partial<Record<ServiceName | 'gateway', number>>;
  /** Shared environment: secrets, EVENT_BUS/KAFKA_BROKERS, LOG_LEVEL… */
  env: Record<string, string>;
  /** Each output line of each process (JSON logs), prefixed by its name. */
  onOutput?: (name: string, line: string) => void;
  /** Called when a process exits while the platform is meant to run. */
  onUnexpectedExit?: (name: string, code: number | null) => void;
  readyTimeoutMs?: number;
  /** False to run the services only (composing the supergraph needs no gateway). */
  withGateway?: boolean;
  /**
   * The output folder of `npm run build`: run each process as the container image does (`node
   * <entry>.js` from that folder, NODE_ENV=production) instead of from the TypeScript sources.
   */
  fromBuild?: string;
}

export interface RunningPlatform {
  gatewayUrl: string;
  urls: Record<ServiceName | 'gateway', string>;
  pids(): number[];
  /** SIGTERM to the gateway, then the services; waits until every process has exited. */
  stop(): Promise<void>;
}

interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  done: boolean;
}

/**
 * Runs the five services and the gateway, one process each (two code-first subgraphs cannot share
 * a process), from their TypeScript sources: `npm start` and the end-to-end tests both use this.
 */
export async function launchPlatform(opts: LaunchOptions): Promise<RunningPlatform> {
  const ports = { ...DEFAULT_PORTS, ...opts.ports };
  const urls = Object.fromEntries(Object.entries(ports).map(([n, p]) => [n, `http://127.0.0.1:${p}`])) as RunningPlatform['urls'];
  const procs: Proc[] = [];
  let stopping = false;
  const common = {
    ...opts.env,
    DATABASE_URL: opts.databaseUrl,
    IDENTITY_JWKS_URL: `${urls.identity}/.well-known/jwks.json`,
    HOST: '127.0.0.1',
  };

  const start = (name: string, entry: string, env: Record<string, string>): Proc => {
    const built = opts.fromBuild ? resolve(opts.fromBuild) : undefined;
    const argv = built ? [resolve(built, entry.replace(/\.ts$/, '.js'))] : [resolve(REPO, 'scripts/run-ts.js'), entry];
    const child = spawn(process.execPath, argv, {
      cwd: built ?? REPO,
      env: { ...process.env, ...(built ? { NODE_ENV: 'production' } : {}), ...common, OTEL_SERVICE_NAME: name, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) opts.onOutput?.(name, line);
    };
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    const proc: Proc = { name, child, done: false, exited: Promise.resolve(null) };
    proc.exited = new Promise((r) =>
      child.once('exit', (code) => {
        proc.done = true;
        if (!stopping) opts.onUnexpectedExit?.(name, code);
        r(code);
      }),
    );
    procs.push(proc);
    return proc;
  };

  const stop = async () => {
    stopping = true;
    for (const group of [procs.filter((p) => p.name === 'gateway'), procs.filter((p) => p.name !== 'gateway')]) {
      for (const p of group) if (!p.done) p.child.kill('SIGTERM');
      const timer = setTimeout(() => group.forEach((p) => !p.done && p.child.kill('SIGKILL')), 10_000);
      await Promise.all(group.map((p) => p.exited));
      clearTimeout(timer);
    }
  };

  const boot = async () => {
    const services = SERVICE_NAMES.map((name) => start(name, `services/${name}/src/main.ts`, { PORT: String(ports[name]) }));
    await Promise.all(services.map((p) => waitReady(p, `${urls[p.name as ServiceName]}/health/ready`, opts.readyTimeoutMs ?? 150_000)));
    if (opts.withGateway === false) return;
    const subgraphUrls = Object.fromEntries(SERVICE_NAMES.map((n) => [`SUBGRAPH_${n.toUpperCase()}_URL`, `${urls[n]}/graphql`]));
    const gw = start('gateway', 'gateway/src/main.ts', { PORT: String(ports.gateway), ...subgraphUrls });
    await waitReady(gw, `${urls.gateway}/health/ready`, opts.readyTimeoutMs ?? 150_000);
  };
  try {
    await boot();
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    gatewayUrl: `${urls.gateway}/graphql`,
    urls,
    pids: () => procs.filter((p) => !p.done).map((p) => p.child.pid!),
    stop,
  };
}

async function waitReady(p: Proc, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p.done) throw new Error(`${p.name} exited before it was ready`);
    if (Date.now() > deadline) throw new Error(`${p.name} not ready within ${timeoutMs} ms`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
