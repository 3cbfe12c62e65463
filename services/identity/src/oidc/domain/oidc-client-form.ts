import { lineProblem } from '@serang/text';
import { InvalidInput } from '../../person';
import type { TokenEndpointAuthMethod } from './oidc-client.events';
import { isOidcScope, OIDC_SCOPES, type OidcScope } from './oidc-scopes';

/** What a platform admin types to register an agency system. */
export interface OidcClientForm {
  agencyId: string;
  name: string;
  redirectUris: readonly string[];
  /** Defaults to every scope (openid profile email phone). */
  scopes?: readonly string[] | null;
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod | null;
}

export interface ValidOidcClient {
  agencyId: string;
  name: string;
  redirectUris: string[];
  scopes: OidcScope[];
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
}

const AGENCY_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
const AUTH_METHODS: ReadonlySet<string> = new Set<TokenEndpointAuthMethod>(['client_secret_basic', 'client_secret_post']);
export const MAX_REDIRECT_URIS = 10;

/**
 * A redirect URI an authorization code may travel to: https, or plain http only to this machine
 * (an agency developer's laptop); never a fragment, credentials or a wildcard (compared exactly).
 */
export function isAcceptableRedirectUri(raw: string): boolean {
  if (raw.length > 2000 || raw !== raw.trim() || raw.includes('*')) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.hash || raw.includes('#') || url.username || url.password) return false;
  if (url.protocol === 'https:') return url.hostname.length > 0;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Validates the whole form, every bad field at once. All redirect URIs must share one host: that
 * host is the client's sector for pairwise subjects in the OpenID Connect library, which would
 * otherwise demand a sector_identifier_uri document (an agency with two hosts registers two
 * clients; they still see the same subject, since subjects are per agency).
 */
export function validateOidcClientForm(form: OidcClientForm): ValidOidcClient {
  const fields: Record<string, string> = {};
  const agencyId = form.agencyId.trim().toLowerCase();
  if (!AGENCY_ID.test(agencyId)) fields.agencyId = 'IDENTITY.OIDC_AGENCY_INVALID';

  const name = form.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length === 0 || [...name].length > 100 || lineProblem(form.name)) fields.name = 'IDENTITY.OIDC_CLIENT_NAME_INVALID';

  const redirectUris = [...new Set(form.redirectUris)];
  if (redirectUris.length === 0 || redirectUris.length > MAX_REDIRECT_URIS || !redirectUris.every(isAcceptableRedirectUri)) {
    fields.redirectUris = 'IDENTITY.OIDC_REDIRECT_URI_INVALID';
  } else if (new Set(redirectUris.map((u) => new URL(u).host)).size > 1) {
    fields.redirectUris = 'IDENTITY.OIDC_REDIRECT_URIS_ONE_HOST';
  }

  const requested = [...new Set(form.scopes ?? OIDC_SCOPES)];
  if (!requested.includes('openid') || !requested.every(isOidcScope)) fields.scopes = 'IDENTITY.OIDC_SCOPES_INVALID';
  const scopes = OIDC_SCOPES.filter((s) => requested.includes(s)); // canonical order

  const tokenEndpointAuthMethod = form.tokenEndpointAuthMethod ?? 'client_secret_basic';
  if (!AUTH_METHODS.has(tokenEndpointAuthMethod)) fields.tokenEndpointAuthMethod = 'IDENTITY.OIDC_AUTH_METHOD_INVALID';

  if (Object.keys(fields).length > 0) throw new InvalidInput(fields);
  return { agencyId, name, redirectUris, scopes, tokenEndpointAuthMethod };
}
