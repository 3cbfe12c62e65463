import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { OidcClientDisabled, OidcClientRegistered } from '../domain/oidc-client.events';

/** The `oidc_clients` read model from the `oidcclient-<id>` streams (idempotent; rebuildable by replay). */
@Controller()
export class OidcClientProjection {
  @EventPattern('OidcClientRegistered')
  async registered(@Payload() e: DeliveredEvent<OidcClientRegistered['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into identity.oidc_clients (id, agency_id, name, redirect_uris, scopes, token_endpoint_auth_method, registered_at, registered_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id) do nothing`,
      [d.clientId, d.agencyId, d.name, d.redirectUris, d.scopes, d.tokenEndpointAuthMethod, d.registeredAt, e.metadata.actor?.id ?? null],
    );
  }

  @EventPattern('OidcClientDisabled')
  async disabled(@Payload() e: DeliveredEvent<OidcClientDisabled['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query('update identity.oidc_clients set disabled_at = $2 where id = $1 and disabled_at is null', [
      e.data.clientId,
      e.data.disabledAt,
    ]);
    // Its name may be given to another client of the agency from now on.
    await ctx.tx.query('delete from identity.name_claims where owner_id = $1', [e.data.clientId]);
  }
}
