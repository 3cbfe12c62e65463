import type { Pool, PoolClient } from 'pg';
import { GuardedPool } from './guarded-pool';

export interface TransactionOptions {
  /**
   * A transaction-scoped advisory lock taken first (`pg_advisory_xact_lock(hashtext(lock))`):
   * transactions naming the same lock run one after another, across processes and replicas.
   */
  lock?: string;
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

/**
 * Takes a transaction-scoped advisory lock inside a transaction already open (a consumer's, say):
 * transactions naming the same lock run one after another, across processes and replicas.
 */
export async function advisoryXactLock(tx: PoolClient, lock: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [lock]);
}

const ROLLBACK = Symbol('rollback');
interface RolledBack<T> {
  [ROLLBACK]: T;
}

/**
 * Inside `inTransaction`: `return rollingBack(value)` rolls the transaction back and makes
 * `inTransaction` answer `value` (an expected outcome that must leave nothing behind, e.g. a
 * uniqueness claim that lost), without throwing.
 */
export function rollingBack<T>(value: T): T {
  return { [ROLLBACK]: value } as unknown as T;
}

function isRolledBack<T>(result: T | RolledBack<T>): result is RolledBack<T> {
  return typeof result === 'object' && result !== null && ROLLBACK in result;
}

/**
 * Runs `fn` in one transaction on one connection: commit when it returns, roll back when it
 * throws (or returns `rollingBack(value)`). The connection is marked as held by exactly the flow
 * of `fn`, so the pool guard refuses a second acquisition inside it. A connection that could not
 * even roll back is discarded.
 */
export async function inTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  return withClient(pool, async (tx, discard) => {
    await tx.query(opts.isolation ? `begin isolation level ${opts.isolation}` : 'begin');
    try {
      if (opts.lock !== undefined) await advisoryXactLock(tx, opts.lock);
      const result = await fn(tx);
      if (isRolledBack(result)) {
        await tx.query('rollback');
        return result[ROLLBACK];
      }
      await tx.query('commit');
      return result;
    } catch (e) {
      await tx.query('rollback').catch(discard);
      throw e;
    }
  });
}

/** Runs `fn` with one connection of `pool` (no transaction), held by exactly the flow of `fn`. */
export async function withClient<T>(pool: Pool, fn: (client: PoolClient, discard: () => void) => Promise<T>): Promise<T> {
  if (pool instanceof GuardedPool) return pool.withClient(fn);
  const client = await pool.connect();
  let broken = false;
  try {
    return await fn(client, () => (broken = true));
  } finally {
    client.release(broken);
  }
}
