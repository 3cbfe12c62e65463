import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';

export interface NewSession {
  id: string;
  personId: string;
  /** sha256 of the refresh token: the token itself is never stored. */
  refreshTokenHash: Buffer;
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Login sessions. Rotation, reuse detection and revocation build on `family_id` and `revoked_at`. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async insert(s: NewSession): Promise<void> {
    await this.db.query(
      `insert into identity.sessions (id, person_id, refresh_token_hash, family_id, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)`,
      [s.id, s.personId, s.refreshTokenHash, s.familyId, s.createdAt, s.expiresAt],
    );
  }
}
