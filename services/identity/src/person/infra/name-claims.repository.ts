import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@serang/eventstore';
import { EVENT_STORE, PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import { NameTaken } from '../domain/identity.errors';

/** Where a name must be unique: an agency's live systems, an agency's live single sign-on clients. */
export type NameScope = `agency-system:${string}` | `oidc-client:${string}`;

/** A claim younger than this may belong to a registration still in flight; never take it over. */
const IN_FLIGHT = '5 minutes';

/** The key a name is unique by: letters' case, spacing and Unicode spelling do not make another name. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
}

/**
 * Unique names in identity's own table: two registrations of "SIAK Disdukcapil" for one agency
 * (a double click, a resend on a poor connection) make one system, and the other is told CONFLICT.
 * A name is claimed before its owner's first event and released when the owner is revoked or
 * disabled (the name may then be used again), or when that first event could not be written.
 */
@Injectable()
export class NameClaimsRepository {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * Claims the name for `ownerId` or throws NameTaken (CONFLICT). A claim left by a registration
   * that died before its first event (old, and its owner's stream empty) is taken over.
   */
  async claimOrTakeOver(scope: NameScope, name: string, ownerId: string, ownerStream: (ownerId: string) => string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const claimed = await this.claim(scope, name, ownerId);
      if (claimed === true) return;
      if (claimed.holder) {
        const abandoned = claimed.old && (await this.store.readStream(ownerStream(claimed.holder), { maxCount: 1 })).length === 0;
        if (!abandoned) throw new NameTaken();
        await this.release(claimed.holder);
      }
    }
    throw new NameTaken();
  }

  /** True when the name is now the owner's; otherwise who holds it, and whether their claim is old. */
  private async claim(scope: NameScope, name: string, ownerId: string): Promise<true | { holder: string; old: boolean }> {
    const { rowCount } = await this.db.query('insert into identity.name_claims (scope, key, owner_id) values ($1, $2, $3) on conflict do nothing', [
      scope,
      nameKey(name),
      ownerId,
    ]);
    if (rowCount === 1) return true;
    const { rows } = await this.db.query<{ owner_id: string; old: boolean }>(
      `select owner_id, claimed_at < now() - interval '${IN_FLIGHT}' as old from identity.name_claims where scope = $1 and key = $2`,
      [scope, nameKey(name)],
    );
    // Released in between: try again (the caller decides how often).
    return rows[0] ? { holder: rows[0].owner_id, old: rows[0].old } : { holder: '', old: true };
  }

  async release(ownerId: string, q: Pool | PoolClient = this.db): Promise<void> {
    await q.query('delete from identity.name_claims where owner_id = $1', [ownerId]);
  }
}
