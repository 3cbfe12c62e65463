import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import { inTransaction, rollingBack } from '@serang/db';
import type { Pool, PoolClient } from 'pg';
import type { BlindIndexKind } from './blind-index';

export interface Claim {
  kind: BlindIndexKind;
  digest: Buffer;
}

/** Who holds a claim that blocked ours, and whether it is old enough to be a crashed registration's. */
export interface ClaimHolder {
  personId: string;
  old: boolean;
}

/** A claim younger than this may belong to a registration still in flight; never take it over. */
const IN_FLIGHT = '5 minutes';

/**
 * What makes an account unique and lets it sign in: its blind indexes (one account per NIK and
 * per e-mail) and its password hash, in identity's own erasable tables.
 */
@Injectable()
export class AccountsRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /**
   * Claims every blind index and stores the password hash (when there is one yet: an invited
   * person chooses theirs later) in one transaction: all or nothing. Returns the holders of the
   * claims that were already taken (empty when ours succeeded).
   */
  async claim(personId: string, claims: readonly Claim[], passwordHash?: string): Promise<ClaimHolder[]> {
    for (let attempt = 1; ; attempt++) {
      const holders = await this.tryClaim(personId, claims, passwordHash);
      // Taken, yet nobody holds it by the time we looked: its holder let go in between. Again.
      if (holders !== 'vanished') return holders;
      if (attempt === 3) throw new Error('blind-index claims kept changing hands');
    }
  }

  private tryClaim(personId: string, claims: readonly Claim[], passwordHash?: string): Promise<ClaimHolder[] | 'vanished'> {
    return inTransaction(this.db, async (tx): Promise<ClaimHolder[] | 'vanished'> => {
      const inserted = await tx.query(
        `insert into identity.blind_indexes (kind, digest, person_id)
         select * from unnest($1::text[], $2::bytea[], array_fill($3::text, array[cardinality($1::text[])]))
         on conflict do nothing`,
        [claims.map((c) => c.kind), claims.map((c) => c.digest), personId],
      );
      if (inserted.rowCount !== claims.length) {
        // Who holds them, asked on the connection in hand (a second one could deadlock the pool).
        const { rows } = await tx.query<{ person_id: string; old: boolean }>(
          `select person_id, bool_and(claimed_at < now() - interval '${IN_FLIGHT}') as old from identity.blind_indexes
            where (kind, digest) in (select * from unnest($1::text[], $2::bytea[])) and person_id <> $3 group by person_id`,
          [claims.map((c) => c.kind), claims.map((c) => c.digest), personId],
        );
        return rollingBack(rows.length ? rows.map((r) => ({ personId: r.person_id, old: r.old })) : 'vanished');
      }
      if (passwordHash) await tx.query('insert into identity.credentials (person_id, password_hash) values ($1, $2)', [personId, passwordHash]);
      return [];
    });
  }

  /** Frees everything a person claimed: after a failed first append, or (later) on erasure. */
  async release(personId: string): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      await tx.query('delete from identity.blind_indexes where person_id = $1', [personId]);
      await tx.query('delete from identity.credentials where person_id = $1', [personId]);
    });
  }

  async personIdOf(kind: BlindIndexKind, digest: Buffer, q: Pool | PoolClient = this.db): Promise<string | undefined> {
    const { rows } = await q.query<{ person_id: string }>('select person_id from identity.blind_indexes where kind = $1 and digest = $2', [
      kind,
      digest,
    ]);
    return rows[0]?.person_id;
  }

  async passwordHash(personId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ password_hash: string }>('select password_hash from identity.credentials where person_id = $1', [
      personId,
    ]);
    return rows[0]?.password_hash;
  }

  /** The first password of an invited person (a retried acceptance replaces its own earlier try). */
  async setPasswordHash(personId: string, passwordHash: string, q: Pool | PoolClient = this.db): Promise<void> {
    await q.query(
      `insert into identity.credentials (person_id, password_hash) values ($1, $2)
       on conflict (person_id) do update set password_hash = excluded.password_hash, updated_at = now()`,
      [personId, passwordHash],
    );
  }

  /** Moves a person's e-mail lookup to a new address (profile update), in the caller's transaction. */
  async replaceEmailClaim(personId: string, digest: Buffer, tx: PoolClient): Promise<boolean> {
    const { rowCount } = await tx.query(
      `insert into identity.blind_indexes (kind, digest, person_id) values ('email', $1, $2) on conflict do nothing`,
      [digest, personId],
    );
    if (rowCount !== 1) return false;
    await tx.query(`delete from identity.blind_indexes where kind = 'email' and person_id = $1 and digest <> $2`, [personId, digest]);
    return true;
  }

  /** When the password was last set (single sign-on asks again for a login made before it). */
  async passwordChangedAt(personId: string): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ updated_at: Date }>('select updated_at from identity.credentials where person_id = $1', [personId]);
    return rows[0]?.updated_at;
  }

  /** A changed password, written in the caller's transaction (together with revoking the sessions). */
  async replacePasswordHash(personId: string, passwordHash: string, tx: PoolClient): Promise<void> {
    await tx.query('update identity.credentials set password_hash = $2, updated_at = now() where person_id = $1', [personId, passwordHash]);
  }
}
