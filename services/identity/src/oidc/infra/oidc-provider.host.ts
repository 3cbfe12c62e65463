import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '@serang/platform';
import type { Logger } from 'pino';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import type { Jwk } from '../../sessions';
import { SigningKeys } from '../../sessions';
import { OidcAccounts } from '../application/oidc-accounts';
import { OidcClientReader } from '../application/oidc-client-reader';
import { OIDC_MOUNT_PATH } from '../oidc.config';
import { errorPage } from '../pages/interaction-pages';
import { pageLanguage } from '../pages/html';
import { deriveCookieKeys, PairwiseSubjects } from './oidc-key-derivation';
import { type OidcProviderHandle } from './oidc-interactions';
import { createOidcProvider } from './oidc-provider.adapter';
import { PostgresOidcStore } from './postgres-oidc.adapter';

/** How long a built provider is trusted before the current signing key is looked up again (SigningKeys' own reload interval). */
const KEY_CHECK_MS = 30_000;

/**
 * Builds the provider on first use (its signing key and the ES module load are asynchronous) and
 * again when identity's current signing key has changed (rotateSigningKey or the automatic
 * rotation), looked up at most every 30 s — the window in which every replica also moves to the
 * new key for access tokens. A rebuild loses nothing: all state is in PostgreSQL, and the cookie
 * keys derive from the master keys, which the new instance shares.
 */
@Injectable()
export class OidcProviderHost {
  private built?: { kid: string; handle: Promise<OidcProviderHandle>; checkedAt: number };
  private checking?: Promise<OidcProviderHandle>;

  constructor(
    private readonly keys: SigningKeys,
    private readonly store: PostgresOidcStore,
    private readonly clients: OidcClientReader,
    private readonly accounts: OidcAccounts,
    private readonly subjects: PairwiseSubjects,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  provider(): Promise<OidcProviderHandle> {
    if (this.built && Date.now() - this.built.checkedAt < KEY_CHECK_MS) return this.built.handle;
    // Concurrent requests share one look-up (and at most one build).
    this.checking ??= this.check().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async check(): Promise<OidcProviderHandle> {
    const signingKey = await this.keys.currentPrivateJwk();
    if (this.built?.kid === signingKey.kid) {
      this.built.checkedAt = Date.now();
      return this.built.handle;
    }
    if (this.built) this.log.info({ from: this.built.kid, to: signingKey.kid }, 'signing key changed: rebuilding the single sign-on provider');
    const handle: Promise<OidcProviderHandle> = this.build(signingKey).catch((e: unknown) => {
      if (this.built?.handle === handle) this.built = undefined; // a failed build is retried by the next request
      throw e;
    });
    this.built = { kid: signingKey.kid, handle, checkedAt: Date.now() };
    return handle;
  }

  private build(signingKey: Jwk & { kid: string }): Promise<OidcProviderHandle> {
    return createOidcProvider({
      issuer: this.config.oidcIssuer,
      signingKey,
      cookieKeys: deriveCookieKeys(this.config.masterKeys),
      adapter: (model) => this.store.adapterFor(model),
      findClient: (clientId) => this.clients.active(clientId),
      accountExists: (personId) => this.accounts.exists(personId),
      loginOutdated: (personId, loginTs) => this.accounts.signedInBeforePasswordChange(personId, loginTs),
      claims: (personId, use, scope, rejected, to) => this.accounts.claims(personId, use, scope, rejected, to),
      pairwiseSubject: (agencyId, personId) => this.subjects.of(agencyId, personId),
      interactionPath: (uid) => `${OIDC_MOUNT_PATH}/interaction/${uid}`,
      errorPage: (error, language) => errorPage(pageLanguage(language.uiLocales, language.acceptLanguage), error),
      accessTokenTtlSeconds: this.config.ACCESS_TOKEN_TTL_SECONDS,
      sessionTtlSeconds: this.config.OIDC_SESSION_TTL_SECONDS,
      log: this.log,
    });
  }
}
