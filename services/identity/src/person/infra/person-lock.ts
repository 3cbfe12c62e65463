import { inTransaction } from '@serang/db';
import type { Pool, PoolClient } from 'pg';

/**
 * Runs `fn` in one transaction holding a per-person advisory lock: refresh rotation, family and
 * person-wide revocation and password changes of one person never interleave (across replicas),
 * so a refresh cannot slip a new session into a family while it is being revoked.
 */
export function withPersonLock<T>(db: Pool, personId: string, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(db, fn, { lock: `identity.person:${personId}` });
}
