import type { OidcClientEvent, OidcClientRegistered, TokenEndpointAuthMethod } from './oidc-client.events';
import type { ValidOidcClient } from './oidc-client-form';
import { OidcClientExists, OidcClientNotFound } from './oidc.errors';

/** A single sign-on client as decisions and the provider see it. */
export type OidcClientState =
  | { exists: false }
  | {
      exists: true;
      clientId: string;
      agencyId: string;
      name: string;
      redirectUris: readonly string[];
      scopes: readonly string[];
      tokenEndpointAuthMethod: TokenEndpointAuthMethod;
      registeredAt: string;
      disabledAt?: string;
    };
export const initialOidcClientState: OidcClientState = { exists: false };

/** A platform admin registers an agency system; the form arrives validated, the id and time chosen by the caller. */
export type RegisterOidcClient = { type: 'RegisterOidcClient'; clientId: string; client: ValidOidcClient; now: Date };
/** A platform admin disables a client; disabling a disabled client changes nothing. */
export type DisableOidcClient = { type: 'DisableOidcClient'; clientId: string; now: Date };
export type OidcClientCommand = RegisterOidcClient | DisableOidcClient;

/** Decides what a platform admin's command does to one client's stream (`oidcclient-<id>`). Pure: no I/O, no clock. */
export function decideOidcClient(command: OidcClientCommand, state: OidcClientState): OidcClientEvent[] {
  switch (command.type) {
    case 'RegisterOidcClient':
      if (state.exists) throw new OidcClientExists(command.clientId);
      return [register(command)];
    case 'DisableOidcClient':
      if (!state.exists) throw new OidcClientNotFound(command.clientId);
      if (state.disabledAt) return [];
      return [{ type: 'OidcClientDisabled', data: { clientId: command.clientId, disabledAt: command.now.toISOString() } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function register(c: RegisterOidcClient): OidcClientRegistered {
  const { agencyId, name, redirectUris, scopes, tokenEndpointAuthMethod } = c.client;
  return {
    type: 'OidcClientRegistered',
    data: { clientId: c.clientId, agencyId, name, redirectUris: [...redirectUris], scopes: [...scopes], tokenEndpointAuthMethod, registeredAt: c.now.toISOString() },
  };
}

export function evolveOidcClient(state: OidcClientState, event: OidcClientEvent): OidcClientState {
  switch (event.type) {
    case 'OidcClientRegistered':
      return { exists: true, ...event.data };
    case 'OidcClientDisabled':
      return state.exists ? { ...state, disabledAt: event.data.disabledAt } : state;
    default:
      return state;
  }
}
