import type { Actor, Aggregate, Command } from '@serang/eventstore';
import { lineProblem } from '@serang/text';
import type { AgencySystemEvent } from '../../person';
import { ConcurrentChange, AgencySystemNotFound, InvalidInput } from '../../person';
import { sessionRevocations, type SessionRecord } from '../../person';

/**
 * An agency system: a machine client (an agency's existing silo app) with client credentials,
 * scoped to one agency. Its tokens carry the AGENCY_SYSTEM role and that agency.
 */
export type AgencySystemState = { status: 'NONE' } | { status: 'ACTIVE' | 'REVOKED'; agencyId: string; name: string };
export const initialAgencySystemState: AgencySystemState = { status: 'NONE' };

export type RegisterAgencySystem = Command<'RegisterAgencySystem', { systemId: string; agencyId: string; name: string; by: string }, Actor>;
/** Revoked with the system's live sessions (their revocations go to the gateways' denylist). */
export type RevokeAgencySystem = Command<
  'RevokeAgencySystem',
  { systemId: string; by: string; sessions: readonly SessionRecord[]; accessTokenTtlMs: number },
  Actor
>;
export type AgencySystemCommand = RegisterAgencySystem | RevokeAgencySystem;

/** Decides on one agency system's stream (`agencysystem-<id>`). Pure. */
export function decideAgencySystem(command: AgencySystemCommand, state: AgencySystemState): AgencySystemEvent[] {
  switch (command.type) {
    case 'RegisterAgencySystem': {
      if (state.status !== 'NONE') throw new Error(`agency system ${command.data.systemId} exists`);
      const name = command.data.name.normalize('NFC').trim().replace(/\s+/g, ' ');
      if (name.length < 2 || name.length > 100 || lineProblem(command.data.name)) throw new InvalidInput({ name: 'IDENTITY.SYSTEM_NAME_INVALID' });
      return [
        {
          type: 'AgencySystemRegistered',
          data: {
            systemId: command.data.systemId,
            agencyId: command.data.agencyId,
            name,
            registeredBy: command.data.by,
            registeredAt: command.metadata.now.toISOString(),
          },
        },
      ];
    }
    case 'RevokeAgencySystem': {
      if (state.status === 'NONE') throw new AgencySystemNotFound();
      const { now } = command.metadata;
      const sessions = sessionRevocations(command.data.sessions, 'SYSTEM_REVOKED', now, command.data.accessTokenTtlMs);
      if (state.status === 'REVOKED') return sessions;
      return [
        { type: 'AgencySystemRevoked', data: { systemId: command.data.systemId, revokedBy: command.data.by, revokedAt: now.toISOString() } },
        ...sessions,
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** An agency system on the one write path: stream `agencysystem-<id>`. */
export const AgencySystem: Aggregate<AgencySystemCommand, AgencySystemEvent, AgencySystemState> = {
  category: 'agencysystem',
  initialState: initialAgencySystemState,
  decide: (command, state) => decideAgencySystem(command, state),
  evolve: (state, event) => evolveAgencySystem(state, event),
  conflict: () => new ConcurrentChange(),
};

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
