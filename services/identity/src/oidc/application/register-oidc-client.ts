import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, streamOf } from '@serang/eventstore';
import { CLOCK, type AuthUser, type Clock } from '@serang/platform';
import { v7 as uuidv7 } from 'uuid';
import { actorOf } from '../../person';
import { InvalidInput } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { NameClaimsRepository } from '../../person';
import { StaffQueries } from '../../staff';
import { OidcClient } from '../domain/oidc-client.decider';
import { validateOidcClientForm, type OidcClientForm } from '../domain/oidc-client-form';
import { newSecret, secretDigest } from '../../person';
import { OidcClientSecretsRepository } from '../infra/oidc-client-secrets.repository';
import type { OidcClientView } from '../infra/oidc-clients.queries';

export interface RegisteredOidcClient {
  client: OidcClientView;
  /** Shown to the platform admin this once; identity keeps only its sha256. */
  clientSecret: string;
}

/**
 * A platform admin registers an agency system: validate (a known agency) → store the secret's digest → decide →
 * append `OidcClientRegistered`. The digest goes first so a client never exists without one; if
 * the append fails, the digest is removed again.
 */
@Injectable()
export class RegisterOidcClientHandler {
  constructor(
    private readonly secrets: OidcClientSecretsRepository,
    private readonly agencies: StaffQueries,
    private readonly names: NameClaimsRepository,
    private readonly handler: CommandHandler,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(admin: AuthUser, form: OidcClientForm, traceparent?: string): Promise<RegisteredOidcClient> {
    const client = validateOidcClientForm(form);
    // The agencies identity knows from catalogue's events, as for invitations and agency systems.
    if (!(await this.agencies.agencyName(client.agencyId))) throw new InvalidInput({ agencyId: 'IDENTITY.AGENCY_UNKNOWN' });
    const clientId = uuidv7();
    const now = this.clock.now();
    const clientSecret = newSecret();
    await this.names.claimOrTakeOver(`oidc-client:${client.agencyId}`, client.name, clientId, (id) => streamOf(OidcClient, id));
    let state;
    try {
      ({ state } = await this.handler.handle(
        OidcClient,
        clientId,
        { type: 'RegisterOidcClient', data: { clientId, client }, metadata: { now, actor: actorOf(admin), traceparent } },
        { creating: true, beforeAppend: () => this.secrets.store(clientId, secretDigest(clientSecret)) },
      ));
    } catch (e) {
      await this.secrets.remove(clientId);
      await this.names.release(clientId);
      throw e;
    }
    if (!state.exists) throw new Error('registration decided no client'); // the decider always registers here
    return { client: state, clientSecret };
  }
}
