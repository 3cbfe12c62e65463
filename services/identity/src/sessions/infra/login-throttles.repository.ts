import { inTransaction } from '@serang/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { FailureRecord } from '../domain/login-throttle.policy';

/** A throttled subject: an account (blind index of the login identifier) or a client address (its HMAC). */
export interface ThrottleKey {
  scope: 'account' | 'address';
  digest: Buffer;
}

interface Row {
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

const toRecord = (r: Row): FailureRecord => ({
  failures: r.failures,
  lastFailureAt: r.last_failure_at,
  ...(r.locked_until ? { lockedUntil: r.locked_until } : {}),
});

/** Failed-login counters in identity's own table, so every replica sees the same counts. */
@Injectable()
export class LoginThrottlesRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async read(keys: readonly ThrottleKey[]): Promise<FailureRecord[]> {
    const { rows } = await this.db.query<Row>(
      `select failures, last_failure_at, locked_until from identity.login_throttles
        where (scope, digest) in (select * from unnest($1::text[], $2::bytea[]))`,
      [keys.map((k) => k.scope), keys.map((k) => k.digest)],
    );
    return rows.map(toRecord);
  }

  /** Replaces each key's record with `next(current)`, under a row lock: concurrent failures all count. */
  async update(keys: readonly ThrottleKey[], next: (current: FailureRecord | undefined) => FailureRecord): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      for (const k of keys) {
        // A zero record first, so two first failures at once lock the same row instead of both inserting.
        await tx.query(
          `insert into identity.login_throttles (scope, digest, failures, last_failure_at) values ($1, $2, 0, 'epoch') on conflict do nothing`,
          [k.scope, k.digest],
        );
        const { rows } = await tx.query<Row>(
          'select failures, last_failure_at, locked_until from identity.login_throttles where scope = $1 and digest = $2 for update',
          [k.scope, k.digest],
        );
        const r = next(rows[0].failures === 0 ? undefined : toRecord(rows[0]));
        await tx.query(
          'update identity.login_throttles set failures = $3, last_failure_at = $4, locked_until = $5 where scope = $1 and digest = $2',
          [k.scope, k.digest, r.failures, r.lastFailureAt, r.lockedUntil ?? null],
        );
      }
    });
  }

  async clear(key: ThrottleKey): Promise<void> {
    await this.db.query('delete from identity.login_throttles where scope = $1 and digest = $2', [key.scope, key.digest]);
  }
}
