/** Events of single sign-on clients (`oidcclient-<id>`); payloads are contracts in proto/serang/identity/v1/events.proto. */
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** An agency system became a single sign-on client. Its secret is never in an event (events travel to Kafka). */
export type OidcClientRegistered = {
  type: 'OidcClientRegistered';
  data: {
    clientId: string;
    agencyId: string;
    name: string;
    redirectUris: string[];
    scopes: string[];
    tokenEndpointAuthMethod: TokenEndpointAuthMethod;
    registeredAt: string;
  };
};

export type OidcClientDisabled = {
  type: 'OidcClientDisabled';
  data: { clientId: string; disabledAt: string };
};

export type OidcClientEvent = OidcClientRegistered | OidcClientDisabled;
