import { quoteIdent } from './postgres/schema';

/** Anything that runs a query: a pg Client, PoolClient or Pool. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** Another instance of the same consumer moved the checkpoint first: roll back, nothing applied. */
export class CheckpointConflictError extends Error {
  readonly reason = 'CHECKPOINT.CONFLICT';
  constructor(
    readonly consumerId: string,
    readonly expected: bigint,
  ) {
    super(`checkpoint of ${consumerId} is no longer at ${expected}`);
    this.name = 'CheckpointConflictError';
  }
}

/**
 * A consumer's position in the event store, kept in the consumer's own database and saved in the
 * same transaction as the consumer's effects (ARCHITECTURE.md: checkpoints belong to the consumer).
 * `save` is compare-and-set: two instances of one consumer can never both apply the same batch.
 */
export class CheckpointStore {
  private readonly table: string;

  constructor(
    private readonly schemaName = 'public',
    table = 'checkpoints',
  ) {
    this.table = `${quoteIdent(schemaName)}.${quoteIdent(table)}`;
  }

  /** Idempotent; one statement batch under an advisory lock, so racing processes do not collide. */
  async ensureSchema(db: Queryable): Promise<void> {
    await db.query(
      `select pg_advisory_xact_lock(hashtext('serang-ddl:${this.table}'));
       create schema if not exists ${quoteIdent(this.schemaName)};
       create table if not exists ${this.table} (
         consumer_id text primary key,
         position    bigint not null,
         updated_at  timestamptz not null default now()
       )`,
    );
  }

  /** The last position the consumer handled (0n before its first event). `forUpdate` locks it in the caller's transaction. */
  async load(db: Queryable, consumerId: string, forUpdate = false): Promise<bigint> {
    const { rows } = await db.query<{ position: string }>(
      `select position from ${this.table} where consumer_id = $1${forUpdate ? ' for update' : ''}`,
      [consumerId],
    );
    return rows[0] ? BigInt(rows[0].position) : 0n;
  }

  /** Moves the checkpoint from `previous` to `position`; throws CheckpointConflictError if it was elsewhere. */
  async save(db: Queryable, consumerId: string, previous: bigint, position: bigint): Promise<void> {
    const { rowCount } =
      previous === 0n
        ? await db.query(
            `insert into ${this.table} (consumer_id, position) values ($1, $2)
             on conflict (consumer_id) do update set position = excluded.position, updated_at = now()
             where ${this.table}.position = 0`,
            [consumerId, position.toString()],
          )
        : await db.query(`update ${this.table} set position = $3, updated_at = now() where consumer_id = $1 and position = $2`, [
            consumerId,
            previous.toString(),
            position.toString(),
          ]);
    if (!rowCount) throw new CheckpointConflictError(consumerId, previous);
  }
}
