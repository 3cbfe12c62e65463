import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type AuthUser, type RequestContext } from '@serang/platform';
import { SessionCheck } from '../../sessions';
import { DisableOidcClientHandler } from '../application/disable-oidc-client';
import { RegisterOidcClientHandler } from '../application/register-oidc-client';
import type { OidcClientView } from '../infra/oidc-clients.queries';
import { OidcClientsQueries } from '../infra/oidc-clients.queries';
import { OidcClient, OidcTokenEndpointAuthMethod, RegisteredOidcClient, RegisterOidcClientInput } from './oidc-clients.models';

const toModel = (c: OidcClientView): OidcClient => ({
  id: c.clientId,
  agencyId: c.agencyId,
  name: c.name,
  redirectUris: [...c.redirectUris],
  scopes: [...c.scopes],
  tokenEndpointAuthMethod: c.tokenEndpointAuthMethod as OidcTokenEndpointAuthMethod,
  registeredAt: new Date(c.registeredAt),
  ...(c.disabledAt ? { disabledAt: new Date(c.disabledAt) } : {}),
});

/** Single sign-on clients of agency systems: a platform admin's business only. */
@Resolver(() => OidcClient)
export class OidcClientsResolver {
  constructor(
    private readonly register: RegisterOidcClientHandler,
    private readonly disable: DisableOidcClientHandler,
    private readonly queries: OidcClientsQueries,
    private readonly sessions: SessionCheck,
  ) {}

  @Mutation(() => RegisteredOidcClient, {
    description: 'Registers an agency system for single sign-on; answers its client secret, this once (platform admin)',
  })
  async registerOidcClient(@Args('input') input: RegisterOidcClientInput, @Context() ctx: RequestContext): Promise<RegisteredOidcClient> {
    const admin = await this.platformAdmin(ctx);
    const { client, clientSecret } = await this.register.handle(admin, input, currentTraceparent(ctx.traceparent));
    return { clientId: client.clientId, clientSecret, client: toModel(client) };
  }

  @Query(() => [OidcClient], { description: 'Registered single sign-on clients, oldest first, optionally of one agency (platform admin)' })
  async oidcClients(
    @Args('agencyId', { type: () => ID, nullable: true }) agencyId: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<OidcClient[]> {
    await this.platformAdmin(ctx);
    return (await this.queries.list(agencyId ?? undefined)).map(toModel);
  }

  @Mutation(() => OidcClient, {
    description: 'Disables a single sign-on client at once: no new sign-in, and its tokens stop working (platform admin)',
  })
  async disableOidcClient(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<OidcClient> {
    return toModel(await this.disable.handle(await this.platformAdmin(ctx), id, currentTraceparent(ctx.traceparent)));
  }

  private async platformAdmin(ctx: RequestContext): Promise<AuthUser> {
    const user = requireUser(ctx, 'PLATFORM_ADMIN');
    await this.sessions.assertLive(user);
    return user;
  }
}
