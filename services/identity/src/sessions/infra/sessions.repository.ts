import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { SessionRevokeReason } from '../../person';
import type { SessionRecord } from '../../person';

export interface NewSession {
  id: string;
  personId: string;
  /** sha256 of the refresh token: the token itself is never stored. */
  refreshTokenHash: Buffer;
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
}

type Queryable = Pool | PoolClient;

interface SessionRow {
  id: string;
  person_id: string;
  family_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, person_id, family_id, created_at, expires_at, used_at, revoked_at';

const toRecord = (r: SessionRow): SessionRecord => ({
  id: r.id,
  personId: r.person_id,
  familyId: r.family_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ...(r.used_at ? { usedAt: r.used_at } : {}),
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
});

/**
 * Login sessions: one row per refresh token, grouped in families (one family per sign-in). Writes
 * that must not interleave take a transaction from `withPersonLock`.
 */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async insert(s: NewSession, q: Queryable = this.db): Promise<void> {
    await q.query(
      `insert into identity.sessions (id, person_id, refresh_token_hash, family_id, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)`,
      [s.id, s.personId, s.refreshTokenHash, s.familyId, s.createdAt, s.expiresAt],
    );
  }

  async byRefreshTokenHash(hash: Buffer, q: Queryable = this.db): Promise<SessionRecord | undefined> {
    const { rows } = await q.query<SessionRow>(`select ${COLUMNS} from identity.sessions where refresh_token_hash = $1`, [hash]);
    return rows[0] && toRecord(rows[0]);
  }

  async byId(id: string, q: Queryable = this.db): Promise<SessionRecord | undefined> {
    const { rows } = await q.query<SessionRow>(`select ${COLUMNS} from identity.sessions where id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async markUsed(id: string, at: Date, q: Queryable): Promise<void> {
    await q.query('update identity.sessions set used_at = $2 where id = $1', [id, at]);
  }

  /** The family's sessions not yet revoked (used ones too: their access tokens may still live). */
  async unrevokedInFamily(familyId: string, q: Queryable): Promise<SessionRecord[]> {
    const { rows } = await q.query<SessionRow>(`select ${COLUMNS} from identity.sessions where family_id = $1 and revoked_at is null`, [familyId]);
    return rows.map(toRecord);
  }

  async unrevokedOfPerson(personId: string, q: Queryable): Promise<SessionRecord[]> {
    const { rows } = await q.query<SessionRow>(`select ${COLUMNS} from identity.sessions where person_id = $1 and revoked_at is null`, [personId]);
    return rows.map(toRecord);
  }

  async revoke(ids: readonly string[], at: Date, reason: SessionRevokeReason, q: Queryable): Promise<void> {
    await q.query('update identity.sessions set revoked_at = $2, revoke_reason = $3 where id = any($1::uuid[]) and revoked_at is null', [
      ids,
      at,
      reason,
    ]);
  }
}
