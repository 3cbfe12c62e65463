import type { AgencyRegistered } from './catalogue.events';

export type AgencyState = { registered: false } | { registered: true; code: string };
export const initialAgencyState: AgencyState = { registered: false };

export type RegisterAgency = { type: 'RegisterAgency'; agencyId: string; code: string; nameId: string; nameEn: string };

export class AgencyAlreadyRegistered extends Error {
  readonly reason = 'AGENCY.ALREADY_REGISTERED';
}

/** Registers an agency (OPD) once. Pure: no I/O, no clock. */
export function decideAgency(command: RegisterAgency, state: AgencyState): AgencyRegistered[] {
  if (state.registered) throw new AgencyAlreadyRegistered(`agency ${command.agencyId} is already registered`);
  return [{ type: 'AgencyRegistered', data: { agencyId: command.agencyId, code: command.code, nameId: command.nameId, nameEn: command.nameEn } }];
}

export function evolveAgency(_state: AgencyState, event: AgencyRegistered): AgencyState {
  return { registered: true, code: event.data.code };
}
