import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { OidcClientState } from '../domain/oidc-client.decider';
import type { TokenEndpointAuthMethod } from '../domain/oidc-client.events';

export type OidcClientView = Extract<OidcClientState, { exists: true }>;

interface Row {
  id: string;
  agency_id: string;
  name: string;
  redirect_uris: string[];
  scopes: string[];
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  registered_at: Date;
  disabled_at: Date | null;
}

/** Reads of the `oidc_clients` read model (the admin's list; it may lag its streams by a moment). */
@Injectable()
export class OidcClientsQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async list(agencyId?: string): Promise<OidcClientView[]> {
    const { rows } = await this.db.query<Row>(
      `select * from identity.oidc_clients where ($1::text is null or agency_id = $1) order by registered_at, id`,
      [agencyId ?? null],
    );
    return rows.map((r) => ({
      exists: true,
      clientId: r.id,
      agencyId: r.agency_id,
      name: r.name,
      redirectUris: r.redirect_uris,
      scopes: r.scopes,
      tokenEndpointAuthMethod: r.token_endpoint_auth_method,
      registeredAt: r.registered_at.toISOString(),
      ...(r.disabled_at ? { disabledAt: r.disabled_at.toISOString() } : {}),
    }));
  }
}
