import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';

/**
 * A real Apache Kafka broker for local runs and tests: one JVM in KRaft combined mode (broker and
 * controller, no ZooKeeper), started from the jars that infra/kafka/pom.xml fetches from Maven
 * Central, and managed only by its PID so that any process can stop or restart it.
 */

/** Where and how the local broker runs. */
export interface KafkaBrokerOptions {
  /** Data folder: server.properties, cluster.id, broker.pid, broker.log and the log dirs. */
  dataDir: string;
  /** PLAINTEXT listener on 127.0.0.1 (the bootstrap address). */
  port: number;
  /** CONTROLLER listener on 127.0.0.1 (the KRaft quorum). */
  controllerPort: number;
  /** Receives progress lines, the storage tool's output and the broker's log while it starts. */
  onLog?: (line: string) => void;
}

export interface RunningKafka {
  /** `127.0.0.1:<port>`, for a client's `brokers` list. */
  bootstrap: string;
  /** True when this call started the broker (and so `stop` will stop it). */
  startedHere: boolean;
  /** PID of the broker JVM, when it runs on this data folder. */
  pid?: number;
  /** Stops the broker if this call started it; otherwise does nothing. */
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(__dirname, '../../..');
const KAFKA_DIR = resolve(REPO_ROOT, 'infra/kafka');
const LIB_DIR = resolve(KAFKA_DIR, 'lib');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const PID_FILE = 'broker.pid';
const LOG_FILE = 'broker.log';
const LOCK_FILE = 'broker.starting';
/** The broker's heap and GC settings: small, for a 2-core machine shared with the tests. */
const BROKER_JVM_OPTS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];

/** The Kafka version pinned in infra/kafka/pom.xml. */
export function kafkaVersion(): string {
  const pom = readFileSync(resolve(KAFKA_DIR, 'pom.xml'), 'utf8');
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom);
  if (!match) throw new Error('infra/kafka/pom.xml has no <kafka.version> property');
  return match[1];
}

/** Classpath of the broker and its tools (java expands the wildcard itself). */
export function kafkaClasspath(): string {
  return `${LIB_DIR}/*`;
}

function javaBin(): string {
  return process.env.JAVA_HOME ? resolve(process.env.JAVA_HOME, 'bin/java') : 'java';
}

/**
 * Fetches the broker's jars into infra/kafka/lib with Maven unless they are there already for the
 * pinned version. Idempotent and safe to call from concurrent processes: Maven copies into a
 * private folder, which is then renamed into place.
 */
export async function ensureKafkaJars(): Promise<void> {
  const jar = `kafka_2.13-${kafkaVersion()}.jar`;
  if (existsSync(resolve(LIB_DIR, jar))) return;

  const staging = resolve(KAFKA_DIR, '.run', `lib-${process.pid}-${Date.now()}`);
  mkdirSync(resolve(KAFKA_DIR, '.run'), { recursive: true });
  try {
    const { code, output } = await run(
      'mvn',
      ['-q', '-B', '-Dstyle.color=never', 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`],
      KAFKA_DIR,
    );
    if (code !== 0) throw new Error(`mvn dependency:copy-dependencies failed (exit ${code}):\n${output}`);
    if (!existsSync(resolve(staging, jar))) throw new Error(`mvn did not fetch ${jar} into ${staging}`);
    if (existsSync(resolve(LIB_DIR, jar))) return; // another process won the race
    // A lib/ of another version would put two brokers' classes on one classpath: replace it whole.
    rmSync(LIB_DIR, { recursive: true, force: true });
    try {
      renameSync(staging, LIB_DIR);
    } catch (err) {
      if (!existsSync(resolve(LIB_DIR, jar))) throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * True when a Kafka broker answers an ApiVersions request (v0) on host:port with error code 0:
 * it accepts connections and processes requests.
 */
export function kafkaAnswers(port: number, host = '127.0.0.1', timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const correlationId = (Math.random() * 0x7fffffff) | 0;
    const clientId = Buffer.from('serang-local-infra', 'utf8');
    // Request: int32 size | int16 api_key (18) | int16 api_version (0) | int32 correlation_id
    //          | int16 client_id length | client_id bytes; ApiVersions v0 has an empty body.
    const request = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length);
    request.writeInt32BE(request.length - 4, 0);
    request.writeInt16BE(18, 4);
    request.writeInt16BE(0, 6);
    request.writeInt32BE(correlationId, 8);
    request.writeInt16BE(clientId.length, 12);
    clientId.copy(request, 14);

    let received = Buffer.alloc(0);
    let settled = false;
    const socket = connect({ host, port });
    const finish = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolvePromise(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (size < 10 || size > 1 << 20) return finish(false);
      if (received.length < 4 + size) return;
      // Response v0: int32 correlation_id | int16 error_code | int32 count | count × (int16 api_key,
      // int16 min_version, int16 max_version).
      const count = received.readInt32BE(10);
      finish(received.readInt32BE(4) === correlationId && received.readInt16BE(8) === 0 && count > 0 && size === 4 + 2 + 4 + count * 6);
    });
  });
}

/** PID of the broker JVM of this data folder, if it is alive. */
export function kafkaBrokerPid(dataDir: string): number | undefined {
  const pidFile = resolve(dataDir, PID_FILE);
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return isBrokerAlive(pid) ? pid : undefined;
}

/**
 * Starts the local broker on `dataDir` (formatting its storage on first use) and waits until it
 * answers. Idempotent: if a broker already answers on the port, or one of this data folder is
 * still starting, it is reused and left running (`startedHere` false, `stop` does nothing).
 */
export function ensureKafkaBroker(opts: KafkaBrokerOptions): Promise<RunningKafka> {
  // Concurrent calls of this process share one attempt (the start lock below is per process).
  const key = `${resolve(opts.dataDir)}:${opts.port}`;
  const pending = inFlight.get(key);
  if (pending) return pending.then((r) => ({ ...r, startedHere: false, stop: async () => undefined }));
  const attempt = ensureKafkaBrokerOnce(opts).finally(() => inFlight.delete(key));
  inFlight.set(key, attempt);
  return attempt;
}

const inFlight = new Map<string, Promise<RunningKafka>>();

async function ensureKafkaBrokerOnce(opts: KafkaBrokerOptions): Promise<RunningKafka> {
  const dataDir = resolve(opts.dataDir);
  const bootstrap = `127.0.0.1:${opts.port}`;
  const log = opts.onLog ?? (() => undefined);
  const reused = (): RunningKafka => ({
    bootstrap,
    startedHere: false,
    pid: kafkaBrokerPid(dataDir),
    stop: async () => undefined,
  });

  // Concurrent callers (parallel test workers): one takes the start lock and starts the broker,
  // the others wait for it to answer.
  mkdirSync(dataDir, { recursive: true });
  const lockFile = resolve(dataDir, LOCK_FILE);
  const deadline = Date.now() + 2 * READY_TIMEOUT_MS;
  let waitingSaid = false;
  for (;;) {
    if (await kafkaAnswers(opts.port)) return reused();
    const running = kafkaBrokerPid(dataDir);
    if (running === undefined && tryLock(lockFile)) break;
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka broker ${running === undefined ? 'being started by another process' : `pid ${running}`} of ${dataDir} ` +
          `does not answer on ${bootstrap}:\n${tail(resolve(dataDir, LOG_FILE), 0)}`,
      );
    }
    if (!waitingSaid) log(`kafka: a broker of ${dataDir} is starting in another process; waiting`);
    waitingSaid = true;
    await sleep(200);
  }
  try {
    // The process that held the lock may have finished starting just before we took it.
    if (await kafkaAnswers(opts.port)) return reused();
    return await startBroker(dataDir, opts, log);
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** Takes the start lock: a file holding our PID; a lock whose process is gone is taken over. */
function tryLock(lockFile: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner: number;
    let ageMs: number;
    try {
      owner = Number(readFileSync(lockFile, 'utf8').trim());
      ageMs = Date.now() - statSync(lockFile).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    // No PID yet: its owner is between creating the file and writing it.
    if (!(Number.isInteger(owner) && owner > 0)) {
      if (ageMs < 5_000) return false;
    } else if (owner !== process.pid && processAlive(owner)) {
      // (Our own PID: a lock left by a dead process whose PID we now have; this process's own
      // concurrent calls never get here, see inFlight.)
      return false;
    }
    rmSync(lockFile, { force: true }); // stale
  }
  return false;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function startBroker(dataDir: string, opts: KafkaBrokerOptions, log: (line: string) => void): Promise<RunningKafka> {
  const bootstrap = `127.0.0.1:${opts.port}`;
  for (const port of [opts.port, opts.controllerPort]) {
    if (await portTaken(port)) {
      throw new Error(`cannot start Kafka: 127.0.0.1:${port} is taken by a process that does not answer as a Kafka broker`);
    }
  }
  await ensureKafkaJars();
  const propsFile = writeServerProperties(dataDir, opts.port, opts.controllerPort);
  await formatStorage(dataDir, propsFile, log);

  const logFile = resolve(dataDir, LOG_FILE);
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      javaBin(),
      [
        ...BROKER_JVM_OPTS,
        `-Dlog4j.configuration=file:${resolve(KAFKA_DIR, 'log4j.properties')}`,
        `-Dkafka.logs.dir=${dataDir}`,
        '-cp',
        kafkaClasspath(),
        'kafka.Kafka',
        propsFile,
      ],
      { cwd: dataDir, detached: true, stdio: ['ignore', fd, fd] },
    );
  } finally {
    closeSync(fd);
  }
  // Its life is managed by PID only (stopKafkaBroker), from this process or any other.
  child.unref();
  let exit: string | undefined;
  let spawnError: Error | undefined;
  child.on('error', (err) => (spawnError = err));
  child.on('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `code ${code}`));
  const pid = child.pid;
  if (pid === undefined) {
    await sleep(0);
    throw new Error(`could not start java: ${spawnError?.message ?? 'no pid'}`);
  }
  writeFileSync(resolve(dataDir, PID_FILE), `${pid}\n`);
  log(`kafka: started broker pid ${pid} on ${bootstrap} (log ${logFile})`);

  const started = Date.now();
  const follower = followLog(logFile, logStart, log);
  try {
    while (true) {
      if (await kafkaAnswers(opts.port, '127.0.0.1', 1_000)) break;
      follower();
      if (spawnError || exit !== undefined) {
        rmSync(resolve(dataDir, PID_FILE), { force: true });
        throw new Error(`Kafka broker exited before answering (${spawnError?.message ?? exit}); ${logFile}:\n${failureReport(logFile, logStart)}`);
      }
      if (Date.now() - started > READY_TIMEOUT_MS) {
        await stopKafkaBroker(dataDir);
        throw new Error(
          `Kafka broker did not answer on ${bootstrap} within ${READY_TIMEOUT_MS / 1000} s; ${logFile}:\n${failureReport(logFile, logStart)}`,
        );
      }
      await sleep(100);
    }
  } finally {
    follower();
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
  }
  log(`kafka: broker ready on ${bootstrap} in ${Date.now() - started} ms`);
  return { bootstrap, startedHere: true, pid, stop: () => stopKafkaBroker(dataDir) };
}

/**
 * Stops the broker of `dataDir` by its PID: SIGTERM (a controlled shutdown), then SIGKILL if it
 * still runs after `timeoutMs`. Idempotent: does nothing when no broker runs on that folder.
 */
export async function stopKafkaBroker(dataDir: string, timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
  const pidFile = resolve(dataDir, PID_FILE);
  const pid = kafkaBrokerPid(dataDir);
  if (pid !== undefined) {
    signal(pid, 'SIGTERM');
    if (!(await waitForExit(pid, timeoutMs))) {
      signal(pid, 'SIGKILL');
      if (!(await waitForExit(pid, 5_000))) throw new Error(`Kafka broker pid ${pid} survived SIGKILL`);
    }
  }
  try {
    unlinkSync(pidFile);
  } catch {
    // already gone
  }
}

function writeServerProperties(dataDir: string, port: number, controllerPort: number): string {
  const file = resolve(dataDir, 'server.properties');
  const props: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': resolve(dataDir, 'logs'),
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': 'false',
    // Fewer threads than the defaults (3 network, 8 I/O): the machine has 2 cores.
    'num.network.threads': 2,
    'num.io.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
  };
  const text = Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  writeFileSync(file, `# Written by libs/local-infra/src/kafka-broker.ts on every start.\n${text}\n`);
  return file;
}

/** Formats the log dirs once (when meta.properties is absent) with a cluster id kept in dataDir. */
async function formatStorage(dataDir: string, propsFile: string, log: (line: string) => void): Promise<void> {
  if (existsSync(resolve(dataDir, 'logs', 'meta.properties'))) return;
  const idFile = resolve(dataDir, 'cluster.id');
  if (!existsSync(idFile)) {
    // An id starting with '-' would be read by kafka-storage as an option (1 in 64 ids): draw again.
    let id = randomBytes(16).toString('base64url');
    while (id.startsWith('-')) id = randomBytes(16).toString('base64url');
    writeFileSync(idFile, `${id}\n`);
  }
  const clusterId = readFileSync(idFile, 'utf8').trim();
  log(`kafka: formatting ${resolve(dataDir, 'logs')} for cluster ${clusterId}`);
  const { code, output } = await run(
    javaBin(),
    [
      '-Xmx256m',
      `-Dlog4j.configuration=file:${resolve(KAFKA_DIR, 'tools-log4j.properties')}`,
      '-cp',
      kafkaClasspath(),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      propsFile,
      '--ignore-formatted',
    ],
    dataDir,
  );
  for (const line of output.split('\n')) if (line.trim()) log(`kafka: ${line}`);
  if (code !== 0) throw new Error(`kafka.tools.StorageTool format failed (exit ${code}):\n${output}`);
}

/** Runs a command to its end, collecting stdout and stderr together. */
function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code, sig) => resolvePromise({ code: code ?? (sig ? 128 : 1), output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** Returns a function that sends the log lines written since the last call to `log`. */
function followLog(file: string, from: number, log: (line: string) => void): () => void {
  let offset = from;
  let partial = '';
  return () => {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return;
    }
    try {
      const buf = Buffer.alloc(64 * 1024);
      let n: number;
      while ((n = readSync(fd, buf, 0, buf.length, offset)) > 0) {
        offset += n;
        const lines = (partial + buf.subarray(0, n).toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) log(line);
      }
    } finally {
      closeSync(fd);
    }
  };
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (taken: boolean): void => {
      socket.destroy();
      resolvePromise(taken);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

/** The errors (and their causes) of the log written since byte `from`, then its last lines. */
function failureReport(file: string, from: number): string {
  let errors: string[] = [];
  try {
    const lines = readFileSync(file).subarray(from).toString('utf8').split('\n');
    errors = lines.filter((l) => /^\[[^\]]*\] (ERROR|FATAL) |^Caused by: /.test(l)).slice(0, 15);
  } catch {
    // no log
  }
  const last = tail(file, from, 20);
  errors = errors.filter((l) => !last.includes(l));
  return errors.length ? `${errors.join('\n')}\n…\n${last}` : last;
}

/** The last lines of the log written since byte `from`. */
function tail(file: string, from: number, lines = 40): string {
  try {
    const text = readFileSync(file).subarray(from).toString('utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Alive and a Kafka broker: on Linux the PID must not be a zombie and must run kafka.Kafka (a
 * recycled PID of another program is not ours to signal); elsewhere, signal 0 decides.
 */
function isBrokerAlive(pid: number): boolean {
  if (!processAlive(pid)) return false;
  if (!existsSync('/proc/self/stat')) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('kafka.Kafka');
  } catch {
    return false; // gone meanwhile
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isBrokerAlive(pid)) return true;
    await sleep(50);
  }
  return !isBrokerAlive(pid);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Lists the jars in infra/kafka/lib (for reports); empty when they are not fetched yet. */
export function kafkaJars(): string[] {
  return existsSync(LIB_DIR) ? readdirSync(LIB_DIR).filter((f) => f.endsWith('.jar')) : [];
}
