import type { Adapter, AdapterPayload } from 'oidc-provider' with { 'resolution-mode': 'import' };
import type { TokenEndpointAuthMethod } from '../domain/oidc-client.events';

/** A live client from identity's own storage. */
export interface ProviderClient {
  clientId: string;
  agencyId: string;
  name: string;
  redirectUris: readonly string[];
  scopes: readonly string[];
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  secretDigest: Buffer;
}

/**
 * The `Client` model reads identity's own clients (the stream, through the caller's `find`);
 * registration goes through GraphQL, never through here. The stored `client_secret` is the
 * sha256 of the real secret (see compareClientSecret in oidc-provider.adapter.ts).
 */
export function clientAdapter(find: (clientId: string) => Promise<ProviderClient | undefined>): Adapter {
  const readOnly = async (): Promise<never> => {
    throw new Error('single sign-on clients are registered through GraphQL (registerOidcClient)');
  };
  return {
    async find(id: string): Promise<AdapterPayload | undefined> {
      const c = await find(id);
      if (!c) return undefined;
      return {
        client_id: c.clientId,
        client_secret: c.secretDigest.toString('hex'),
        client_name: c.name,
        agency_id: c.agencyId,
        redirect_uris: [...c.redirectUris],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: c.tokenEndpointAuthMethod,
        scope: c.scopes.join(' '),
        subject_type: 'pairwise',
        application_type: 'web',
        id_token_signed_response_alg: 'ES256',
      } as AdapterPayload;
    },
    upsert: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: async () => undefined,
  };
}
