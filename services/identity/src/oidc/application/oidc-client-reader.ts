import { Inject, Injectable } from '@nestjs/common';
import { load, type EventStore } from '@serang/eventstore';
import { EVENT_STORE } from '@serang/platform';
import { OidcClient, type OidcClientState } from '../domain/oidc-client.decider';
import { OidcClientSecretsRepository } from '../infra/oidc-client-secrets.repository';

/** A live client as the OpenID Connect library needs it, with the digest of its secret. */
export type ActiveOidcClient = Extract<OidcClientState, { exists: true }> & { secretDigest: Buffer };

/**
 * Reads clients from their own streams, never from the lagging read model: a client registered a
 * moment ago can sign citizens in at once, and a disabled one is refused at once, on every replica.
 */
@Injectable()
export class OidcClientReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly secrets: OidcClientSecretsRepository,
  ) {}

  async state(clientId: string): Promise<{ state: OidcClientState; revision?: bigint }> {
    return load(this.store, OidcClient, clientId);
  }

  /** The client if it exists, is not disabled and has its secret; undefined otherwise. */
  async active(clientId: string): Promise<ActiveOidcClient | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(clientId)) return undefined; // not one of ours: not worth a query
    const { state } = await this.state(clientId);
    if (!state.exists || state.disabledAt) return undefined;
    const secretDigest = await this.secrets.digestOf(clientId);
    return secretDigest ? { ...state, secretDigest } : undefined;
  }
}
