import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';

/** The digest of each client's secret, in identity's own table (like password hashes, never in an event). */
@Injectable()
export class OidcClientSecretsRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async store(clientId: string, digest: Buffer): Promise<void> {
    await this.db.query('insert into identity.oidc_client_secrets (client_id, secret_sha256) values ($1, $2)', [clientId, digest]);
  }

  /** After a failed first append: a client that never came to be keeps no secret. */
  async remove(clientId: string): Promise<void> {
    await this.db.query('delete from identity.oidc_client_secrets where client_id = $1', [clientId]);
  }

  async digestOf(clientId: string): Promise<Buffer | undefined> {
    const { rows } = await this.db.query<{ secret_sha256: Buffer }>('select secret_sha256 from identity.oidc_client_secrets where client_id = $1', [
      clientId,
    ]);
    return rows[0]?.secret_sha256;
  }
}
