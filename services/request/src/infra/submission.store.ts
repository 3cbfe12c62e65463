import type { PoolClient } from 'pg';

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
  const { rowCount } = await tx.query('insert into request.tracking_numbers (tracking_number, application_id) values ($1, $2) on conflict (tracking_number) do nothing', [
    trackingNumber,
    applicationId,
  ]);
  return rowCount === 1;
}
