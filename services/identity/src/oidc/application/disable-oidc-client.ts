import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore, toNewEvents } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, type AuthUser, type Clock } from '@serang/platform';
import { actorOf } from '../../application/logout';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { decideOidcClient, evolveOidcClient } from '../domain/oidc-client.decider';
import type { OidcClientEvent } from '../domain/oidc-client.events';
import { OidcClientNotFound } from '../domain/oidc.errors';
import type { OidcClientView } from '../infra/oidc-clients.queries';
import { OidcClientReader, oidcClientStream } from './oidc-client-reader';

/**
 * A platform admin disables a client. The provider reads clients from their streams, so from the
 * moment the event is appended the client starts no sign-in, exchanges no code and its access
 * tokens no longer open userinfo — on every replica.
 */
@Injectable()
export class DisableOidcClientHandler {
  constructor(
    private readonly clients: OidcClientReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(admin: AuthUser, clientId: string, traceparent?: string): Promise<OidcClientView> {
    if (!/^[0-9a-f-]{36}$/.test(clientId)) throw new OidcClientNotFound(clientId);
    try {
      return await this.attempt(admin, clientId, traceparent);
    } catch (e) {
      // Disabling is idempotent: after a concurrent writer, deciding again on the new history is the same intent.
      if (!(e instanceof WrongExpectedRevisionError)) throw e;
      return this.attempt(admin, clientId, traceparent);
    }
  }

  private async attempt(admin: AuthUser, clientId: string, traceparent?: string): Promise<OidcClientView> {
    const { state, revision } = await this.clients.state(clientId);
    const now = this.clock.now();
    const events: OidcClientEvent[] = decideOidcClient({ type: 'DisableOidcClient', clientId, now }, state);
    if (events.length > 0) {
      await this.store.append(oidcClientStream(clientId), toNewEvents(events, { now, tenant: this.config.TENANT, actor: actorOf(admin), traceparent }), revision ?? 'no_stream');
    }
    const next = events.reduce(evolveOidcClient, state);
    if (!next.exists) throw new OidcClientNotFound(clientId);
    return next;
  }
}
