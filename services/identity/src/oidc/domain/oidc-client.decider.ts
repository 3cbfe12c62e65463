import type { Actor, Aggregate, Command } from '@serang/eventstore';
import type { OidcClientEvent, OidcClientRegistered, TokenEndpointAuthMethod } from './oidc-client.events';
import type { ValidOidcClient } from './oidc-client-form';
import { OidcClientExists, OidcClientNotFound } from './oidc.errors';
import { ConcurrentChange } from '../../person';

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
export type RegisterOidcClient = Command<'RegisterOidcClient', { clientId: string; client: ValidOidcClient }, Actor>;
/** A platform admin disables a client; disabling a disabled client changes nothing. */
export type DisableOidcClient = Command<'DisableOidcClient', { clientId: string }, Actor>;
export type OidcClientCommand = RegisterOidcClient | DisableOidcClient;

/** Decides what a platform admin's command does to one client's stream (`oidcclient-<id>`). Pure: no I/O, no clock. */
export function decideOidcClient(command: OidcClientCommand, state: OidcClientState): OidcClientEvent[] {
  switch (command.type) {
    case 'RegisterOidcClient':
      if (state.exists) throw new OidcClientExists(command.data.clientId);
      return [register(command)];
    case 'DisableOidcClient':
      if (!state.exists) throw new OidcClientNotFound(command.data.clientId);
      if (state.disabledAt) return [];
      return [{ type: 'OidcClientDisabled', data: { clientId: command.data.clientId, disabledAt: command.metadata.now.toISOString() } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function register(c: RegisterOidcClient): OidcClientRegistered {
  const { agencyId, name, redirectUris, scopes, tokenEndpointAuthMethod } = c.data.client;
  return {
    type: 'OidcClientRegistered',
    data: {
      clientId: c.data.clientId,
      agencyId,
      name,
      redirectUris: [...redirectUris],
      scopes: [...scopes],
      tokenEndpointAuthMethod,
      registeredAt: c.metadata.now.toISOString(),
    },
  };
}

/** A single sign-on client on the one write path: stream `oidcclient-<id>`. */
export const OidcClient: Aggregate<OidcClientCommand, OidcClientEvent, OidcClientState> = {
  category: 'oidcclient',
  initialState: initialOidcClientState,
  decide: (command, state) => decideOidcClient(command, state),
  evolve: (state, event) => evolveOidcClient(state, event),
  conflict: () => new ConcurrentChange(),
};

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
