import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';

/** The Prometheus tools the operations tests run: the server, promtool and amtool. */
export interface PrometheusTools {
  prometheus: string;
  promtool: string;
  amtool: string;
}

const TOOLS = ['prometheus', 'promtool', 'amtool'] as const;
/** Debian packages that hold them (Debian 12: Prometheus 2.42, Alertmanager 0.25). */
const PACKAGES = ['prometheus', 'prometheus-alertmanager'];

function which(name: string): string | undefined {
  const dirs = [process.env.PROMETHEUS_BIN_DIR, ...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'].filter(
    (d): d is string => !!d,
  );
  for (const d of dirs) if (existsSync(resolve(d, name))) return resolve(d, name);
  return undefined;
}

function find(): Partial<PrometheusTools> {
  return Object.fromEntries(TOOLS.map((t) => [t, which(t)]));
}

/**
 * Finds prometheus, promtool and amtool (PROMETHEUS_BIN_DIR first, then PATH), installing Debian's
 * packages once when they are missing and this is a root Debian machine with apt (as CI is).
 * Idempotent. Throws, saying what to install, when neither works.
 */
export function ensurePrometheusTools(): PrometheusTools {
  let found = find();
  const missing = () => TOOLS.filter((t) => !found[t]);
  if (missing().length > 0 && process.getuid?.() === 0 && which('apt-get')) {
    // The Debian packages' maintainer scripts try to start services: no init system here, so tell them not to.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
    const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], { env, encoding: 'utf8' });
    let r = install();
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
      r = install();
    }
    found = find();
    if (missing().length > 0)
      throw new Error(`apt-get install ${PACKAGES.join(' ')} did not provide ${missing().join(', ')}:\n${r.stdout}\n${r.stderr}`);
  }
  if (missing().length > 0) {
    throw new Error(
      `${missing().join(', ')} not found: install Debian's ${PACKAGES.join(' and ')} packages (apt-get install ${PACKAGES.join(' ')}), ` +
        'or put the binaries of a Prometheus and an Alertmanager release in a folder named by PROMETHEUS_BIN_DIR',
    );
  }
  return found as PrometheusTools;
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a Prometheus on 127.0.0.1:`port` with the given configuration (YAML text), keeping its
 * data under `dataDir`, and waits until it is ready.
 */
export async function startPrometheus(opts: { port: number; dataDir: string; config: string; tools?: PrometheusTools }): Promise<RunningPrometheus> {
  const tools = opts.tools ?? ensurePrometheusTools();
  mkdirSync(opts.dataDir, { recursive: true });
  const configFile = resolve(opts.dataDir, 'prometheus.yml');
  writeFileSync(configFile, opts.config);
  let out = '';
  const child: ChildProcess = spawn(
    tools.prometheus,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${resolve(opts.dataDir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${opts.port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let exit: number | null | undefined;
  const exited = new Promise<void>((r) => child.once('exit', (code) => r(void (exit = code))));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exit !== undefined) throw new Error(`prometheus exited with ${exit}:\n${out.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus not ready within 30 s:\n${out.slice(-3000)}`);
    }
    if (
      await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (exit === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
