import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { NestedAcquireError, PoolExhaustedError } from './db.errors';

/**
 * What to do when code asks a pool for a connection while its own flow already holds one of the
 * same pool: `throw` (tests: fail loudly at the offending line), `warn` (report and carry on), `off`.
 *
 * Why it matters: ten callers that each hold a connection of a ten-connection pool and each wait
 * for a second one wait for each other forever. An acquire timeout turns that into errors; the
 * guard finds the code that does it before a surge does.
 */
export type PoolGuardMode = 'throw' | 'warn' | 'off';

export interface GuardedPoolOptions {
  connectionString: string;
  /** Shown in pg_stat_activity and in errors. */
  name: string;
  /** Connections at most (default 10). */
  max?: number;
  /** How long a caller waits for a connection before it is told the service is busy (default 5000 ms). */
  acquireTimeoutMs?: number;
  guard?: PoolGuardMode;
  /** Called on each guard violation in `warn` mode (and before throwing in `throw` mode). */
  onViolation?: (error: NestedAcquireError) => void;
  /** Extra pg settings (statement_timeout, …). */
  pg?: Omit<PoolConfig, 'connectionString' | 'max' | 'connectionTimeoutMillis' | 'application_name'>;
}

/** One acquisition of a connection; a flow that started while it was held inherits it. */
interface Hold {
  pool: GuardedPool;
  released: boolean;
}

const holds = new AsyncLocalStorage<readonly Hold[]>();
const HOLD = Symbol('serang.hold');
const ORIGINAL_QUERY = Symbol('serang.query');

type HeldClient = PoolClient & { [HOLD]?: Hold; [ORIGINAL_QUERY]?: PoolClient['query'] };
type Callback = (...args: unknown[]) => void;

/** How long after a timed-out acquire the pool still counts as saturated (readiness says so). */
const SATURATION_MEMORY_MS = 5_000;

/**
 * A pg Pool with an acquire timeout that answers "busy" (PoolExhaustedError, which the platform
 * turns into TOO_MANY_REQUESTS with Retry-After), and a guard that tracks, per async flow, which
 * connections that flow holds: taking a second one of the same pool while holding one is refused
 * (or reported). A flow holds a connection from its first query on it until it releases it;
 * `inTransaction` marks the flow it runs precisely.
 */
export class GuardedPool extends Pool {
  readonly name: string;
  readonly acquireTimeoutMs: number;
  private readonly guard: PoolGuardMode;
  private readonly onViolation?: (error: NestedAcquireError) => void;
  private lastExhaustedAt = 0;
  /** Acquires that timed out, since start. */
  exhaustedCount = 0;
  /** Guard violations, since start. */
  violationCount = 0;

  constructor(opts: GuardedPoolOptions) {
    const acquireTimeoutMs = opts.acquireTimeoutMs ?? 5_000;
    super({
      ...opts.pg,
      connectionString: opts.connectionString,
      max: opts.max ?? 10,
      connectionTimeoutMillis: acquireTimeoutMs,
      application_name: opts.name,
    });
    this.name = opts.name;
    this.acquireTimeoutMs = acquireTimeoutMs;
    this.guard = opts.guard ?? 'warn';
    this.onViolation = opts.onViolation;
    this.install();
  }

  /** Whether callers had to be turned away recently, or are queueing now beyond what one timeout serves. */
  saturated(now = Date.now()): boolean {
    return now - this.lastExhaustedAt < SATURATION_MEMORY_MS;
  }

  /** Seconds a refused caller should wait before trying again. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.acquireTimeoutMs / 1000));
  }

  /** Whether the current async flow holds a connection of this pool. */
  heldHere(): boolean {
    return (holds.getStore() ?? []).some((h) => h.pool === this && !h.released);
  }

  /**
   * Runs `fn` with a connection marked as held by exactly the flow of `fn` (the helpers in
   * transactions.ts use this; plain `connect()` marks the flow from the first query on).
   */
  async withClient<T>(fn: (client: PoolClient, discard: () => void) => Promise<T>): Promise<T> {
    const client = await this.connect();
    const hold = (client as HeldClient)[HOLD]!;
    let broken = false;
    try {
      return await holds.run([...(holds.getStore() ?? []), hold], () => fn(client, () => (broken = true)));
    } catch (e) {
      broken ||= isConnectionBroken(e);
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** Pool.connect and Pool.query, guarded; assigned in the constructor to keep pg's overloaded types. */
  private install(): void {
    const connect = Pool.prototype.connect as (this: Pool, ...args: unknown[]) => unknown;
    const query = Pool.prototype.query as (this: Pool, ...args: unknown[]) => unknown;
    this.connect = ((callback?: Callback) => {
      // The callback form is pg's own (pool.query): it manages its connection itself.
      if (callback) return connect.call(this, callback);
      const violation = this.check('connect');
      if (violation) return Promise.reject(violation);
      return (connect.call(this) as Promise<PoolClient>).then(
        (client) => this.track(client as HeldClient),
        (e: unknown) => {
          throw this.translate(e);
        },
      );
    }) as Pool['connect'];
    this.query = ((...args: unknown[]) => {
      const violation = this.check('query');
      const callback = args.find((a) => typeof a === 'function') as Callback | undefined;
      if (violation) {
        if (callback) return void process.nextTick(() => callback(violation));
        return Promise.reject(violation);
      }
      const result = query.apply(this, args);
      if (callback || !result) return result;
      return (result as Promise<unknown>).catch((e: unknown) => {
        throw this.translate(e);
      });
    }) as Pool['query'];
  }

  /** The violation to fail with (throw mode), if this acquisition is one. */
  private check(operation: 'connect' | 'query'): NestedAcquireError | undefined {
    if (this.guard === 'off' || !this.heldHere()) return undefined;
    this.violationCount++;
    const error = new NestedAcquireError(this.name, operation);
    this.onViolation?.(error);
    return this.guard === 'throw' ? error : undefined;
  }

  /** A fresh hold per acquisition; the client's query marks the flow that uses it. */
  private track(client: HeldClient): PoolClient {
    const hold: Hold = { pool: this, released: false };
    client[HOLD] = hold;
    if (!client[ORIGINAL_QUERY]) {
      const original = client.query;
      client[ORIGINAL_QUERY] = original;
      client.query = function (this: HeldClient, ...args: unknown[]) {
        const current = this[HOLD];
        if (current && !current.released) {
          const store = holds.getStore() ?? [];
          if (!store.includes(current)) holds.enterWith([...store, current]);
        }
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as PoolClient['query'];
    }
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      hold.released = true;
      if (client[HOLD] === hold) client[HOLD] = undefined;
      return release(err);
    };
    return client;
  }

  private translate(e: unknown): unknown {
    const message = e instanceof Error ? e.message : '';
    if (message === 'timeout exceeded when trying to connect' || message === 'Connection terminated due to connection timeout') {
      this.lastExhaustedAt = Date.now();
      this.exhaustedCount++;
      return new PoolExhaustedError(this.name, this.acquireTimeoutMs, this.retryAfterSeconds());
    }
    return e;
  }
}

/** A connection that failed mid-protocol is not given back to the pool. */
function isConnectionBroken(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === 'ECONNRESET' || code === '57P01' || code === '08006' || code === '08003';
}

const live = new Set<GuardedPool>();

/** The one way to make a pool: every pool has an acquire timeout and the guard. */
export function createPool(opts: GuardedPoolOptions): GuardedPool {
  const pool = new GuardedPool({ guard: guardModeFromEnv(), ...opts });
  live.add(pool);
  const end = pool.end.bind(pool) as () => Promise<void>;
  pool.end = (() => {
    live.delete(pool);
    return end();
  }) as GuardedPool['end'];
  return pool;
}

/** The pools of this process that are open (for metrics and readiness). */
export function openPools(): readonly GuardedPool[] {
  return [...live];
}

/** `DB_POOL_GUARD` (throw | warn | off); the test suite runs with `throw`. */
export function guardModeFromEnv(env: Record<string, string | undefined> = process.env): PoolGuardMode {
  const v = env.DB_POOL_GUARD;
  return v === 'throw' || v === 'off' ? v : 'warn';
}
