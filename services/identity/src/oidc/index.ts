/**
 * Single sign-on for agency systems: an OpenID Connect provider (oidc-provider) under /oidc, its
 * clients registered by a platform admin, pairwise subjects per agency, and the claim-release
 * trail. identity.module.ts adds these arrays; nothing else of identity needs to know the details.
 */
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

export const OIDC_CONTROLLERS = [OidcClientProjection, OidcInteractionController];

export const OIDC_PROVIDERS = [
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
];
