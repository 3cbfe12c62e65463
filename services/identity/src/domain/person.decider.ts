import type { CitizenRegistered, PersonEvent, Role, StaffAccountCreated, StaffRole } from './identity.events';
import { AlreadyRegistered, InvalidStaffRoles } from './identity.errors';

/** A person (citizen or staff) as far as decisions need to know: whether they exist, and their roles. */
export type PersonState = { exists: false } | { exists: true; kind: 'citizen' | 'staff'; roles: readonly Role[]; agencyId?: string };
export const initialPersonState: PersonState = { exists: false };

/**
 * A citizen registers. The personal fields arrive already encrypted (encryption is I/O, so it
 * happens before the decision); the decider only ever sees ciphertexts.
 */
export type RegisterCitizen = {
  type: 'RegisterCitizen';
  personId: string;
  ciphertexts: { nik: string; name: string; email: string; phone: string };
  now: Date;
};

/** The platform creates a staff account (the configured platform admin; invitations later). */
export type CreateStaffAccount = {
  type: 'CreateStaffAccount';
  personId: string;
  roles: readonly StaffRole[];
  agencyId?: string;
  ciphertexts: { email: string; name?: string };
};

export type PersonCommand = RegisterCitizen | CreateStaffAccount;

const AGENCY_SCOPED: ReadonlySet<StaffRole> = new Set(['OFFICER', 'AGENCY_ADMIN']);

/** Decides what a command does to one person's stream (`person-<id>`). Pure: no I/O, no clock. */
export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  if (state.exists) throw new AlreadyRegistered();
  switch (command.type) {
    case 'RegisterCitizen':
      return [registerCitizen(command)];
    case 'CreateStaffAccount':
      return [createStaffAccount(command)];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function registerCitizen(c: RegisterCitizen): CitizenRegistered {
  const { nik, name, email, phone } = c.ciphertexts;
  return {
    type: 'CitizenRegistered',
    data: { personId: c.personId, nikCiphertext: nik, nameCiphertext: name, emailCiphertext: email, phoneCiphertext: phone, registeredAt: c.now.toISOString() },
  };
}

/** Officers and agency admins act for one agency; a platform admin for none. */
function createStaffAccount(c: CreateStaffAccount): StaffAccountCreated {
  const roles = [...new Set(c.roles)];
  if (roles.length === 0) throw new InvalidStaffRoles('a staff account needs at least one role');
  const scoped = roles.some((r) => AGENCY_SCOPED.has(r));
  if (scoped && !c.agencyId) throw new InvalidStaffRoles('officers and agency admins belong to an agency');
  if (!scoped && c.agencyId) throw new InvalidStaffRoles('a platform admin belongs to no agency');
  return {
    type: 'StaffAccountCreated',
    data: {
      personId: c.personId,
      roles,
      ...(c.agencyId ? { agencyId: c.agencyId } : {}),
      emailCiphertext: c.ciphertexts.email,
      ...(c.ciphertexts.name ? { nameCiphertext: c.ciphertexts.name } : {}),
    },
  };
}

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'CitizenRegistered':
      return { exists: true, kind: 'citizen', roles: ['CITIZEN'] };
    case 'StaffAccountCreated':
      return { exists: true, kind: 'staff', roles: event.data.roles, ...(event.data.agencyId ? { agencyId: event.data.agencyId } : {}) };
    case 'SessionRevoked':
      return state; // sessions are not part of the person's decisions: their state is the sessions table
    default:
      return state; // events of later issues that do not change roles
  }
}
