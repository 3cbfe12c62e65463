/**
 * Single sign-on for agency systems: an OpenID Connect provider (oidc-provider) under /oidc, its
 * clients registered by a platform admin, pairwise subjects per agency, and the claim-release
 * trail. Its module is all identity.module.ts imports; nothing else of identity needs the details.
 */
import { Module } from '@nestjs/common';
import { PersonModule } from '../person';
import { PersonalDataModule } from '../personal-data';
import { SessionsModule } from '../sessions';
import { StaffModule } from '../staff';
import { DisableOidcClientHandler } from './application/disable-oidc-client';
import { OidcAccounts } from './application/oidc-accounts';
import { OidcClientReader } from './application/oidc-client-reader';
import { OidcClientProjection } from './application/oidc-client.projection';
import { OidcSignIn } from './application/oidc-sign-in';
import { RegisterOidcClientHandler } from './application/register-oidc-client';
import { OidcClientsResolver } from './graphql/oidc-clients.resolver';
import { OidcInteractionController } from './graphql/oidc-interaction.controller';
import { OidcProviderMount } from './graphql/oidc-provider.mount';
import { OidcClaimReleasesRepository } from './infra/oidc-claim-releases.repository';
import { OidcClientSecretsRepository } from './infra/oidc-client-secrets.repository';
import { OidcClientsQueries } from './infra/oidc-clients.queries';
import { PairwiseSubjects } from './infra/oidc-key-derivation';
import { OidcProviderHost } from './infra/oidc-provider.host';
import { OidcTables } from './infra/oidc-tables.init';
import { PostgresOidcStore } from './infra/postgres-oidc.adapter';

export { oidcMessages } from './oidc.messages';

/** The event-store category of client streams (`oidcclient-<id>`): identity owns and projects it. */
export const OIDC_CATEGORIES = ['oidcclient'] as const;

@Module({
  imports: [PersonModule, SessionsModule, StaffModule, PersonalDataModule],
  controllers: [OidcClientProjection, OidcInteractionController],
  providers: [
    OidcTables,
    PostgresOidcStore,
    OidcClientSecretsRepository,
    OidcClientsQueries,
    OidcClaimReleasesRepository,
    PairwiseSubjects,
    OidcClientReader,
    OidcAccounts,
    OidcSignIn,
    RegisterOidcClientHandler,
    DisableOidcClientHandler,
    OidcProviderHost,
    OidcProviderMount,
    OidcClientsResolver,
  ],
})
export class OidcModule {}
