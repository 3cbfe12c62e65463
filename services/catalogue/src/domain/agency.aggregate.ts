import { DomainError } from '@serang/domain';
import type { Aggregate, Command } from '@serang/eventstore';
import type { AgencyRegistered } from './catalogue.events';

export type AgencyState = { registered: false } | { registered: true; code: string };

/** The platform registers an agency (OPD) once: the 30 of the regency are seeded. */
export type RegisterAgency = Command<'RegisterAgency', { agencyId: string; code: string; nameId: string; nameEn: string }>;

export class AgencyAlreadyRegistered extends DomainError {
  readonly reason = 'AGENCY.ALREADY_REGISTERED';
  readonly code = 'CONFLICT';
}

/** An agency (OPD): `agency-<agencyId>`, registered once. Pure: no I/O, no clock. */
export const Agency: Aggregate<RegisterAgency, AgencyRegistered, AgencyState> = {
  category: 'agency',
  initialState: { registered: false },
  decide({ data }, state) {
    if (state.registered) throw new AgencyAlreadyRegistered(`agency ${data.agencyId} is already registered`);
    return [{ type: 'AgencyRegistered', data: { agencyId: data.agencyId, code: data.code, nameId: data.nameId, nameEn: data.nameEn } }];
  },
  evolve: (_state, event) => ({ registered: true, code: event.data.code }),
};
