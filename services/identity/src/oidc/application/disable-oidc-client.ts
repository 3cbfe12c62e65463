import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, type AuthUser, type Clock } from '@serang/platform';
import { actorOf } from '../../person';
import { OidcClient } from '../domain/oidc-client.decider';
import { OidcClientNotFound } from '../domain/oidc.errors';
import type { OidcClientView } from '../infra/oidc-clients.queries';

/**
 * A platform admin disables a client. The provider reads clients from their streams, so from the
 * moment the event is appended the client starts no sign-in, exchanges no code and its access
 * tokens no longer open userinfo — on every replica.
 */
@Injectable()
export class DisableOidcClientHandler {
  constructor(
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(admin: AuthUser, clientId: string, traceparent?: string): Promise<OidcClientView> {
    if (!/^[0-9a-f-]{36}$/.test(clientId)) throw new OidcClientNotFound(clientId);
    const { state } = await this.handler.handle(
      OidcClient,
      clientId,
      { type: 'DisableOidcClient', data: { clientId }, metadata: { now: this.clock.now(), actor: actorOf(admin), traceparent } },
      // Disabling is idempotent: after a concurrent writer, deciding again on the new history is the same intent.
      { retryWhen: () => true },
    );
    if (!state.exists) throw new OidcClientNotFound(clientId);
    return state;
  }
}
