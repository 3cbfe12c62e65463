import type { Pool, PoolClient } from 'pg';

/**
 * Runs `fn` in one transaction holding a per-person advisory lock: refresh rotation, family and
 * person-wide revocation and password changes of one person never interleave (across replicas),
 * so a refresh cannot slip a new session into a family while it is being revoked.
 */
export async function withPersonLock<T>(db: Pool, personId: string, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await db.connect();
  try {
    await tx.query('begin');
    await tx.query(`select pg_advisory_xact_lock(hashtext('identity.person:' || $1))`, [personId]);
    const result = await fn(tx);
    await tx.query('commit');
    return result;
  } catch (e) {
    await tx.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    tx.release();
  }
}
