import { lineProblem } from '@serang/text';
import type { AgencySystemEvent, AgencySystemRegistered, AgencySystemRevoked } from './identity.events';
import { AgencySystemNotFound, InvalidInput } from './identity.errors';

/**
 * An agency system: a machine client (an agency's existing silo app) with client credentials,
 * scoped to one agency. Its tokens carry the AGENCY_SYSTEM role and that agency.
 */
export type AgencySystemState = { status: 'NONE' } | { status: 'ACTIVE' | 'REVOKED'; agencyId: string; name: string };
export const initialAgencySystemState: AgencySystemState = { status: 'NONE' };

export type RegisterAgencySystem = { type: 'RegisterAgencySystem'; systemId: string; agencyId: string; name: string; by: string; now: Date };
export type RevokeAgencySystem = { type: 'RevokeAgencySystem'; systemId: string; by: string; now: Date };
export type AgencySystemCommand = RegisterAgencySystem | RevokeAgencySystem;

/** Decides on one agency system's stream (`agencysystem-<id>`). Pure. */
export function decideAgencySystem(command: AgencySystemCommand, state: AgencySystemState): Array<AgencySystemRegistered | AgencySystemRevoked> {
  switch (command.type) {
    case 'RegisterAgencySystem': {
      if (state.status !== 'NONE') throw new Error(`agency system ${command.systemId} exists`);
      const name = command.name.normalize('NFC').trim().replace(/\s+/g, ' ');
      if (name.length < 2 || name.length > 100 || lineProblem(command.name)) throw new InvalidInput({ name: 'IDENTITY.SYSTEM_NAME_INVALID' });
      return [{ type: 'AgencySystemRegistered', data: { systemId: command.systemId, agencyId: command.agencyId, name, registeredBy: command.by, registeredAt: command.now.toISOString() } }];
    }
    case 'RevokeAgencySystem':
      if (state.status === 'NONE') throw new AgencySystemNotFound();
      if (state.status === 'REVOKED') return [];
      return [{ type: 'AgencySystemRevoked', data: { systemId: command.systemId, revokedBy: command.by, revokedAt: command.now.toISOString() } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolveAgencySystem(state: AgencySystemState, event: AgencySystemEvent): AgencySystemState {
  switch (event.type) {
    case 'AgencySystemRegistered':
      return { status: 'ACTIVE', agencyId: event.data.agencyId, name: event.data.name };
    case 'AgencySystemRevoked':
      return state.status === 'NONE' ? state : { ...state, status: 'REVOKED' };
    default:
      return state;
  }
}
