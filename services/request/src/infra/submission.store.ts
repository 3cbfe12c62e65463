import type { Pool, PoolClient } from 'pg';

/**
 * The write side's own bookkeeping for submissions, used inside the submitting transaction.
 * An idempotency key is scoped to (caller, operation): the same key from another citizen, or for
 * another operation, is another key.
 */
export interface IdempotencyRecord {
  payloadHash: string;
  applicationId: string;
}

export interface KeyScope {
  callerId: string;
  operation: string;
  key: string;
}

type Queryable = Pick<PoolClient, 'query'>;

/**
 * Claims the key for this submission. A concurrent transaction holding the same key makes this
 * wait on the unique index until it commits (then: false, the key is taken) or rolls back (then:
 * true, the key is ours).
 */
export async function claimIdempotencyKey(tx: Queryable, scope: KeyScope, record: IdempotencyRecord): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into request.idempotency_keys (caller_id, operation, key, payload_hash, application_id)
     values ($1, $2, $3, $4, $5) on conflict do nothing`,
    [scope.callerId, scope.operation, scope.key, record.payloadHash, record.applicationId],
  );
  return rowCount === 1;
}

export async function findIdempotencyKey(db: Queryable, scope: KeyScope): Promise<IdempotencyRecord | null> {
  const { rows } = await db.query<{ payload_hash: string; application_id: string }>(
    'select payload_hash, application_id from request.idempotency_keys where caller_id = $1 and operation = $2 and key = $3',
    [scope.callerId, scope.operation, scope.key],
  );
  return rows[0] ? { payloadHash: rows[0].payload_hash, applicationId: rows[0].application_id } : null;
}

/** Reserves a tracking number for an application; false when another application holds it. */
export async function reserveTrackingNumber(tx: Queryable, trackingNumber: string, applicationId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'insert into request.tracking_numbers (tracking_number, application_id) values ($1, $2) on conflict (tracking_number) do nothing',
    [trackingNumber, applicationId],
  );
  return rowCount === 1;
}

/**
 * Does `work` once per key: the key is claimed in a transaction held open while `work` runs, so
 * a concurrent resend waits on the key's unique index and then finds the first one; `replay`
 * answers whenever the key turns out to be taken. If `work` fails, the transaction rolls back and
 * the key is free again. Whatever needs another pooled connection belongs before this call:
 * resends blocked on the index hold connections, and the first must never wait for one of them.
 */
export async function onceForKey<T>(
  db: Pool,
  scope: KeyScope,
  record: IdempotencyRecord,
  work: (tx: PoolClient) => Promise<T>,
  replay: (first: IdempotencyRecord) => Promise<T>,
): Promise<T> {
  const tx = await db.connect();
  let broken = false;
  try {
    await tx.query('begin');
    if (!(await claimIdempotencyKey(tx, scope, record))) {
      const first = await findIdempotencyKey(tx, scope);
      await tx.query('rollback');
      if (!first) throw new Error('idempotency key vanished after a conflict');
      return await replay(first);
    }
    const result = await work(tx);
    await tx.query('commit');
    return result;
  } catch (e) {
    await tx.query('rollback').catch(() => (broken = true));
    throw e;
  } finally {
    // A connection that could not even roll back is not returned to the pool.
    tx.release(broken);
  }
}
