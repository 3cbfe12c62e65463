import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';

export interface AgencySystemRow {
  id: string;
  agency_id: string;
  name: string;
  status: 'ACTIVE' | 'REVOKED';
  registered_by: string;
  registered_at: Date;
  revoked_at: Date | null;
}

/** Agency systems: credentials (client id and the secret's sha256, write side) and the read model. */
@Injectable()
export class AgencySystemsRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async storeCredentials(systemId: string, clientId: string, secretHash: Buffer): Promise<void> {
    await this.db.query('insert into identity.agency_system_credentials (system_id, client_id, secret_hash) values ($1, $2, $3)', [
      systemId,
      clientId,
      secretHash,
    ]);
  }

  async credentialsOf(clientId: string): Promise<{ systemId: string; secretHash: Buffer } | undefined> {
    const { rows } = await this.db.query<{ system_id: string; secret_hash: Buffer }>(
      'select system_id, secret_hash from identity.agency_system_credentials where client_id = $1',
      [clientId],
    );
    return rows[0] ? { systemId: rows[0].system_id, secretHash: rows[0].secret_hash } : undefined;
  }

  async dropCredentials(systemId: string, q: Pool | PoolClient = this.db): Promise<void> {
    await q.query('delete from identity.agency_system_credentials where system_id = $1', [systemId]);
  }

  async list(agencyId: string | undefined): Promise<Array<AgencySystemRow & { client_id: string | null }>> {
    const { rows } = await this.db.query<AgencySystemRow & { client_id: string | null }>(
      `select s.*, c.client_id from identity.agency_systems s left join identity.agency_system_credentials c on c.system_id = s.id
        where $1::text is null or s.agency_id = $1 order by s.registered_at desc`,
      [agencyId ?? null],
    );
    return rows;
  }
}
