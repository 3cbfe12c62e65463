import { execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

const REPO = resolve(__dirname, '../../..');

export interface RunningS3 {
  /** Endpoint of the server (path-style): `UPLOADS_S3_ENDPOINT`. */
  url: string;
  /** Credentials it accepts (any, in fact), as the AWS SDK reads them from the environment. */
  env: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };
  createBucket(name: string): Promise<void>;
  /** The stored bytes of an object, or null when there is none (signed, as any S3 client reads). */
  getObject(bucket: string, key: string): Promise<Buffer | null>;
  /** SIGTERM by PID, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * A local S3-compatible server for tests: moto in server mode (PyPI), a real HTTP S3 API on
 * 127.0.0.1, standing in for the cloud's object store. Its Python environment is installed once per
 * machine by infra/python/ensure-venv.sh (cached outside the clone; the first time takes minutes).
 */
export async function startS3Server(port: number, timeoutMs = 60_000): Promise<RunningS3> {
  const { stdout } = await promisify(execFile)(resolve(REPO, 'infra/python/ensure-venv.sh'), { timeout: 15 * 60_000 });
  const bin = stdout.trim().split('\n').at(-1)!;
  const child = spawn(resolve(bin, 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => r(void (exited = true))));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`moto_server exited before it answered:\n${out.slice(-2000)}`);
    if (
      await fetch(`${url}/moto-api/`).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server not answering on ${url} within ${timeoutMs} ms:\n${out.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const env = { AWS_ACCESS_KEY_ID: 'serang-test', AWS_SECRET_ACCESS_KEY: 'serang-test-secret' };
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: url,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  return {
    url,
    env,
    createBucket: async (name) => void (await client.send(new CreateBucketCommand({ Bucket: name }))),
    getObject: async (bucket, key) => {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from(await res.Body!.transformToByteArray());
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') return null;
        throw e;
      }
    },
    stop,
  };
}
