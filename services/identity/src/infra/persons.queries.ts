import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { PersonRow } from './identity.tables';

/** Reads of the persons read model (ciphertexts; decryption is the caller's, for the caller only). */
@Injectable()
export class PersonsQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async byId(id: string): Promise<PersonRow | undefined> {
    const { rows } = await this.db.query<PersonRow>('select * from identity.persons where id = $1', [id]);
    return rows[0];
  }
}
