import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { PersonRow } from '../../person';

/** Staff, invitations, agencies and the invitation link tokens, in identity's own tables. */
@Injectable()
export class StaffQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async agencyName(agencyId: string): Promise<{ id: string; en: string } | undefined> {
    const { rows } = await this.db.query<{ name_id: string; name_en: string }>('select name_id, name_en from identity.agencies where id = $1', [
      agencyId,
    ]);
    return rows[0] ? { id: rows[0].name_id, en: rows[0].name_en } : undefined;
  }

  /** Staff of an agency (or the platform admins, for none), invitations included, newest first. */
  async staffOf(agencyId: string | undefined): Promise<PersonRow[]> {
    const { rows } = await this.db.query<PersonRow>(
      `select * from identity.persons where kind = 'staff' and status <> 'ERASED'
          and (($1::text is null and agency_id is null) or agency_id = $1) order by created_at desc`,
      [agencyId ?? null],
    );
    return rows;
  }

  async putToken(personId: string, tokenHash: Buffer, expiresAt: Date, q: Pool | PoolClient = this.db): Promise<void> {
    await q.query(
      `insert into identity.staff_invitation_tokens (person_id, token_hash, expires_at) values ($1, $2, $3)
       on conflict (person_id) do update set token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()`,
      [personId, tokenHash, expiresAt],
    );
  }

  async personOfToken(tokenHash: Buffer): Promise<string | undefined> {
    const { rows } = await this.db.query<{ person_id: string }>('select person_id from identity.staff_invitation_tokens where token_hash = $1', [
      tokenHash,
    ]);
    return rows[0]?.person_id;
  }

  async dropToken(personId: string, q: Pool | PoolClient = this.db): Promise<void> {
    await q.query('delete from identity.staff_invitation_tokens where person_id = $1', [personId]);
  }
}
