import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'node:http';
import { Agent as TlsAgent, request as tlsRequest } from 'node:https';

/**
 * The gateway's fetch for its subgraphs: plain `node:http` over a pooled keep-alive agent. The
 * default (make-fetch-happen) captures a stack trace on every request to guess the protocol and
 * runs an HTTP cache that buys nothing here; undici's fetch goes through web streams. Measured
 * with bench:identity and bench:submit (docs/benchmarks.md). https subgraph URLs work too.
 */
/**
 * An idle socket is closed by the gateway after this long: before any server of ours closes it
 * (subgraphs keep theirs 65 s, Node's default is 5 s), so a reused socket is seldom a dead one.
 */
export const KEEP_ALIVE_CLIENT_IDLE_MS = 4_000;
const agent = new Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000, timeout: KEEP_ALIVE_CLIENT_IDLE_MS });
const tlsAgent = new TlsAgent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000, timeout: KEEP_ALIVE_CLIENT_IDLE_MS });
/** A subgraph that answers nothing for this long fails the call instead of holding a socket forever. */
const TIMEOUT_MS = 30_000;

class Headers implements FetcherHeaders {
  private readonly map = new Map<string, string>();
  constructor(init: Record<string, string | string[] | undefined> = {}) {
    for (const [k, v] of Object.entries(init)) if (v !== undefined) this.map.set(k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v);
  }
  append(name: string, value: string): void {
    const k = name.toLowerCase();
    this.map.set(k, this.map.has(k) ? `${this.map.get(k)}, ${value}` : value);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

function response(url: string, status: number, statusText: string, headers: Headers, body: Buffer): FetcherResponse {
  let used = false;
  const read = () => {
    used = true;
    return body;
  };
  return {
    get bodyUsed() {
      return used;
    },
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText,
    headers,
    arrayBuffer: async () => {
      const b = read();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
    text: async () => read().toString('utf8'),
    json: async () => JSON.parse(read().toString('utf8')) as unknown,
    clone: () => response(url, status, statusText, headers, body),
  };
}

/**
 * A request sent on a reused keep-alive socket that the other side had just closed fails before a
 * single byte of answer (ECONNRESET, "socket hang up"): the subgraph never saw it, so it is sent
 * once more on a fresh socket, as Node's documentation advises. Any other failure is the caller's.
 */
export const subgraphFetcher: Fetcher = (url: string, init?: FetcherRequestInit) =>
  send(url, init).catch((e: unknown) => {
    if (e instanceof StaleSocketError) return send(url, init);
    throw e;
  });

class StaleSocketError extends Error {}

const send = (url: string, init?: FetcherRequestInit) =>
  new Promise<FetcherResponse>((resolvePromise, reject) => {
    const tls = url.startsWith('https:');
    let answered = false;
    const req = (tls ? tlsRequest : request)(
      url,
      { method: init?.method ?? 'GET', headers: init?.headers, agent: tls ? tlsAgent : agent, timeout: TIMEOUT_MS },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          // A subgraph refusing the input it was sent (a variable its scalar rejects) answers 400 with a
          // GraphQL body: its errors are the client's to hear, as BAD_USER_INPUT, not the gateway's
          // "400: Bad Request" turned into INTERNAL_SERVER_ERROR.
          const status = res.statusCode === 400 && carriesGraphQLErrors(res.headers['content-type'], body) ? 200 : (res.statusCode ?? 0);
          resolvePromise(response(url, status, res.statusMessage ?? '', new Headers(res.headers), body));
        });
        res.on('error', reject);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !answered && (e.code === 'ECONNRESET' || e.message === 'socket hang up');
      reject(stale ? new StaleSocketError(e.message) : e);
    });
    req.on('timeout', () => req.destroy(new Error(`subgraph ${url} did not answer within ${TIMEOUT_MS} ms`)));
    const signal = init?.signal as AbortSignal | undefined;
    signal?.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
    req.end(init?.body);
  });

function carriesGraphQLErrors(contentType: string | undefined, body: Buffer): boolean {
  if (!contentType?.includes('json')) return false;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    return Array.isArray(parsed.errors) && parsed.errors.length > 0;
  } catch {
    return false;
  }
}
