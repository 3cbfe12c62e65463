/**
 * The broker's own producer benchmark, `org.apache.kafka.tools.ProducerPerformance`, run from the
 * same jars as the broker (infra/kafka/lib), and its final summary line parsed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { kafkaClasspath } from '@serang/local-infra';

export interface ProducerPerformanceResult {
  records: number;
  /** The tool's own figure: timed inside the JVM from its first send, so JVM startup is excluded. */
  recordsPerSecond: number;
  mbPerSecond: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
  p99Ms: number;
  /** Wall time of the whole process, JVM startup included (for reference only). */
  wallSeconds: number;
}

export interface ProducerPerformanceOptions {
  bootstrap: string;
  topic: string;
  records: number;
  recordSize: number;
  /** Extra producer properties (`key=value`); acks=all and enable.idempotence=true are always set. */
  producerProps?: string[];
}

const REPO_ROOT = resolve(__dirname, '../..');
/** The running child, so that an interrupted bench can stop it by its PID. */
let current: ChildProcess | undefined;

function javaBin(): string {
  return process.env.JAVA_HOME ? resolve(process.env.JAVA_HOME, 'bin/java') : 'java';
}

/** "20000 records sent, 81300.8 records/sec (15.51 MB/sec), 95.75 ms avg latency, 201.00 ms max latency, 93 ms 50th, 182 ms 95th, 195 ms 99th, 201 ms 99.9th." */
const SUMMARY =
  /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, \d+ ms 50th, \d+ ms 95th, (\d+) ms 99th/;

export function runProducerPerformance(opts: ProducerPerformanceOptions): Promise<ProducerPerformanceResult> {
  const args = [
    '-cp',
    kafkaClasspath(),
    `-Dlog4j.configuration=file:${resolve(REPO_ROOT, 'infra/kafka/tools-log4j.properties')}`,
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    opts.topic,
    '--num-records',
    String(opts.records),
    '--record-size',
    String(opts.recordSize),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${opts.bootstrap}`,
    'acks=all',
    'enable.idempotence=true',
    ...(opts.producerProps ?? []),
  ];
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(javaBin(), args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      current = undefined;
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const summary = stdout
        .split('\n')
        .map((l) => SUMMARY.exec(l.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .pop();
      if (code !== 0 || !summary) {
        reject(new Error(`ProducerPerformance failed (${signal ? `signal ${signal}` : `exit ${code}`}):\n${stdout}\n${stderr}`));
        return;
      }
      resolvePromise({
        records: Number(summary[1]),
        recordsPerSecond: Number(summary[2]),
        mbPerSecond: Number(summary[3]),
        avgLatencyMs: Number(summary[4]),
        maxLatencyMs: Number(summary[5]),
        p99Ms: Number(summary[6]),
        wallSeconds,
      });
    });
  });
}

/** Stops a ProducerPerformance still running (an interrupted bench), by its PID. */
export function stopProducerPerformance(): void {
  if (current?.pid !== undefined && current.exitCode === null) current.kill('SIGKILL');
}
