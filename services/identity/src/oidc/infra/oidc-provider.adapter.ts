/**
 * The one file that uses oidc-provider (an ES module: loaded with `await import()`, which swc keeps
 * native). It turns identity's parts into the library's configuration; oidc-interactions.ts and
 * oidc-client-metadata.ts use only its types.
 */
import type { Logger } from 'pino';
import type { Adapter, Configuration, JWK, KoaContextWithOIDC } from 'oidc-provider' with { 'resolution-mode': 'import' };
import { OIDC_SCOPES, SCOPE_CLAIMS } from '../domain/oidc-scopes';
import { secretMatches } from '../../person';
import { clientAdapter, type ProviderClient } from './oidc-client-metadata';
import { interactionHandle, type OidcProviderHandle } from './oidc-interactions';

type OidcModule = typeof import('oidc-provider', { with: { 'resolution-mode': 'import' } });

let loaded: Promise<OidcModule> | undefined;
const oidc = (): Promise<OidcModule> => (loaded ??= import('oidc-provider'));

export interface OidcProviderSettings {
  issuer: string;
  /** Identity's current ES256 private key as a JWK (with `kid`): it signs the ID tokens. */
  signingKey: { kid: string };
  cookieKeys: Buffer[];
  adapter: (model: string) => Adapter;
  findClient: (clientId: string) => Promise<ProviderClient | undefined>;
  accountExists: (personId: string) => Promise<boolean>;
  /** True when the password changed after this sign-in: the login page is shown again. */
  loginOutdated: (personId: string, loginTs: number) => Promise<boolean>;
  claims: (
    personId: string,
    use: string,
    scope: string,
    rejected: readonly string[],
    to: { clientId: string; agencyId: string },
  ) => Promise<Record<string, string>>;
  pairwiseSubject: (agencyId: string, personId: string) => string;
  interactionPath: (uid: string) => string;
  /** The HTML of an error page in the browser's language (ui_locales, then Accept-Language). */
  errorPage: (error: { error: string; description?: string }, language: { uiLocales?: string; acceptLanguage?: string }) => string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  log: Logger;
}

export async function createOidcProvider(s: OidcProviderSettings): Promise<OidcProviderHandle> {
  const { Provider, interactionPolicy } = await oidc();
  const clientsAdapter = clientAdapter(s.findClient);
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('password_changed', 'the password changed after this sign-in', 'login_required', async (ctx) => {
      const { accountId, loginTs } = ctx.oidc.session ?? {};
      return !!accountId && !!loginTs && !ctx.oidc.result?.login && (await s.loginOutdated(accountId, loginTs));
    }),
  );
  const agencyOf = (client: unknown): string => String((client as { agency_id?: unknown }).agency_id);

  const configuration: Configuration = {
    adapter: (model: string) => (model === 'Client' ? clientsAdapter : s.adapter(model)),
    clients: [],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    // Only shared-secret methods, and only as a password: the stored "secret" is a digest, so every
    // use of the secret as a key (client_secret_jwt, HS256 tokens, symmetric encryption) stays off.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      requestObjectSigningAlgValues: ['ES256'],
      clientAuthSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
      introspectionSigningAlgValues: ['ES256'],
    },
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      iss: null,
      ...Object.fromEntries(OIDC_SCOPES.map((scope) => [scope, [...SCOPE_CLAIMS[scope]]])),
    },
    scopes: [...OIDC_SCOPES],
    responseTypes: ['code'],
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) => s.pairwiseSubject(agencyOf(client), accountId),
    pkce: { required: () => true }, // S256 is the only method the library accepts
    // Personal claims come from userinfo only (an access token is always issued), so the ID token
    // carries the subject and nothing that needs auditing.
    conformIdTokenClaims: true,
    allowOmittingSingleRegisteredRedirectUri: false,
    extraClientMetadata: {
      properties: ['agency_id'],
      validator: (_ctx, key, value) => {
        if (key === 'agency_id' && (typeof value !== 'string' || value.length === 0)) throw new Error('agency_id is required');
      },
    },
    cookies: {
      keys: s.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    jwks: { keys: [s.signingKey as JWK] },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      // Not needed by confidential server-side agency systems; each one more surface to review.
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      registration: { enabled: false },
      revocation: { enabled: false },
      introspection: { enabled: false },
    },
    // Agency systems are server-side: no browser ever calls the token or userinfo endpoints.
    clientBasedCORS: () => false,
    discovery: { ui_locales_supported: ['id', 'en'], claim_types_supported: ['normal'] },
    ttl: {
      AccessToken: s.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 30 * 60, // a citizen on a slow connection may take a while to type
      Session: s.sessionTtlSeconds,
      Grant: 30 * 24 * 3600, // how long a consent is remembered
    },
    interactions: { policy, url: (_ctx, interaction) => s.interactionPath(interaction.uid) },
    findAccount: async (ctx: KoaContextWithOIDC, sub: string) => {
      if (!(await s.accountExists(sub))) return undefined;
      return {
        accountId: sub,
        claims: async (use, scope, _claims, rejected) => {
          const client = ctx.oidc.client;
          const released = client ? await s.claims(sub, use, scope, rejected, { clientId: client.clientId, agencyId: agencyOf(client) }) : {};
          return { sub, ...released };
        },
      };
    },
    renderError: (ctx, out) => {
      const params = ctx.oidc?.params as { ui_locales?: unknown } | undefined;
      ctx.type = 'html';
      ctx.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
      ctx.body = s.errorPage(
        { error: out.error, description: out.error_description },
        {
          uiLocales: typeof params?.ui_locales === 'string' ? params.ui_locales : undefined,
          acceptLanguage: ctx.get('accept-language') || undefined,
        },
      );
    },
  };

  const provider = new Provider(s.issuer, configuration);
  // Identity listens on plain HTTP: an https issuer means a TLS proxy in front, whose
  // X-Forwarded-Proto/-Host the provider must trust to build https URLs and set Secure cookies.
  provider.proxy = s.issuer.startsWith('https:');
  // The stored client_secret is the sha256 of the real one: the library's documented way to keep
  // secrets hashed is to override this prototype method (panva/node-oidc-provider#631).
  provider.Client.prototype.compareClientSecret = function (this: { clientSecret?: string }, actual: string) {
    return !!this.clientSecret && secretMatches(Buffer.from(this.clientSecret, 'hex'), actual);
  };
  provider.on('server_error', (_ctx: unknown, err: Error) => s.log.error({ err: err.message, stack: err.stack }, 'single sign-on provider error'));

  return interactionHandle(provider, s.signingKey.kid);
}
