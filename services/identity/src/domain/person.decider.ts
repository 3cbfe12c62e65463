import type { ErasureReason, PersonEvent, PersonProfileUpdated, Role, StaffRole } from './identity.events';
import { AlreadyRegistered, InvitationAlreadyAccepted, InvitationInvalid, InvitationNotPending, PersonNotActive } from './identity.errors';
import { checkStaffRoles } from './staff.policy';

/**
 * A person (citizen or staff) as far as decisions need to know. `exists` is true only for an
 * account that can sign in: an invitation, a revoked invitation or an erased person cannot.
 */
export type PersonState =
  | { status: 'NONE'; exists: false }
  | { status: 'INVITED'; exists: false; roles: readonly StaffRole[]; agencyId?: string; emailCiphertext: string; expiresAt: Date }
  | { status: 'INVITATION_REVOKED'; exists: false }
  | { status: 'ACTIVE'; exists: true; kind: 'citizen' | 'staff'; roles: readonly Role[]; agencyId?: string }
  | { status: 'ERASED'; exists: false };
export const initialPersonState: PersonState = { status: 'NONE', exists: false };

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

/** The platform creates a staff account directly: only the configured first platform admin. */
export type CreateStaffAccount = {
  type: 'CreateStaffAccount';
  personId: string;
  roles: readonly StaffRole[];
  agencyId?: string;
  ciphertexts: { email: string; name?: string };
};

/** An admin invites someone; who may invite whom is checked before (staff.policy.ts). */
export type InviteStaff = {
  type: 'InviteStaff';
  personId: string;
  roles: readonly StaffRole[];
  agencyId?: string;
  emailCiphertext: string;
  invitedBy: string;
  now: Date;
  expiresAt: Date;
};
export type RenewStaffInvitation = { type: 'RenewStaffInvitation'; personId: string; by: string; expiresAt: Date };
export type RevokeStaffInvitation = { type: 'RevokeStaffInvitation'; personId: string; by: string; now: Date };
/** The invited person follows the link, names themself and chooses a password (stored apart). */
export type AcceptStaffInvitation = { type: 'AcceptStaffInvitation'; personId: string; nameCiphertext: string; now: Date };

export type UpdateProfile = {
  type: 'UpdateProfile';
  personId: string;
  changes: Omit<PersonProfileUpdated['data'], 'personId' | 'updatedAt'>;
  now: Date;
};
export type ErasePerson = { type: 'ErasePerson'; personId: string; reason: ErasureReason; now: Date };

export type PersonCommand =
  | RegisterCitizen
  | CreateStaffAccount
  | InviteStaff
  | RenewStaffInvitation
  | RevokeStaffInvitation
  | AcceptStaffInvitation
  | UpdateProfile
  | ErasePerson;

/** Decides what a command does to one person's stream (`person-<id>`). Pure: no I/O, no clock. */
export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  switch (command.type) {
    case 'RegisterCitizen': {
      if (state.status !== 'NONE') throw new AlreadyRegistered();
      const { nik, name, email, phone } = command.ciphertexts;
      return [
        {
          type: 'CitizenRegistered',
          data: { personId: command.personId, nikCiphertext: nik, nameCiphertext: name, emailCiphertext: email, phoneCiphertext: phone, registeredAt: command.now.toISOString() },
        },
      ];
    }
    case 'CreateStaffAccount': {
      if (state.status !== 'NONE') throw new AlreadyRegistered();
      const roles = checkStaffRoles(command.roles, command.agencyId);
      const { email, name } = command.ciphertexts;
      return [{ type: 'StaffAccountCreated', data: { personId: command.personId, roles, ...agency(command.agencyId), emailCiphertext: email, ...(name ? { nameCiphertext: name } : {}) } }];
    }
    case 'InviteStaff': {
      if (state.status !== 'NONE') throw new AlreadyRegistered();
      const roles = checkStaffRoles(command.roles, command.agencyId);
      return [
        {
          type: 'StaffInvited',
          data: {
            personId: command.personId,
            roles,
            ...agency(command.agencyId),
            emailCiphertext: command.emailCiphertext,
            invitedBy: command.invitedBy,
            invitedAt: command.now.toISOString(),
            expiresAt: command.expiresAt.toISOString(),
          },
        },
      ];
    }
    case 'RenewStaffInvitation':
      if (state.status !== 'INVITED') throw new InvitationNotPending();
      return [{ type: 'StaffInvitationRenewed', data: { personId: command.personId, renewedBy: command.by, expiresAt: command.expiresAt.toISOString() } }];
    case 'RevokeStaffInvitation':
      if (state.status !== 'INVITED') throw new InvitationNotPending();
      return [{ type: 'StaffInvitationRevoked', data: { personId: command.personId, revokedBy: command.by, revokedAt: command.now.toISOString() } }];
    case 'AcceptStaffInvitation':
      if (state.status === 'ACTIVE' && state.kind === 'staff') throw new InvitationAlreadyAccepted();
      if (state.status !== 'INVITED' || state.expiresAt.getTime() <= command.now.getTime()) throw new InvitationInvalid();
      return [
        {
          type: 'StaffAccountCreated',
          data: { personId: command.personId, roles: [...state.roles], ...agency(state.agencyId), emailCiphertext: state.emailCiphertext, nameCiphertext: command.nameCiphertext },
        },
      ];
    case 'UpdateProfile': {
      if (state.status !== 'ACTIVE') throw new PersonNotActive();
      const changes = Object.fromEntries(Object.entries(command.changes).filter(([, v]) => typeof v === 'string'));
      if (Object.keys(changes).length === 0) return [];
      return [{ type: 'PersonProfileUpdated', data: { personId: command.personId, ...changes, updatedAt: command.now.toISOString() } }];
    }
    case 'ErasePerson':
      if (state.status !== 'ACTIVE' && state.status !== 'INVITED') throw new PersonNotActive();
      return [{ type: 'PersonErased', data: { personId: command.personId, erasedAt: command.now.toISOString(), reason: command.reason } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'CitizenRegistered':
      return { status: 'ACTIVE', exists: true, kind: 'citizen', roles: ['CITIZEN'] };
    case 'StaffInvited':
      return { status: 'INVITED', exists: false, roles: event.data.roles, ...agency(event.data.agencyId), emailCiphertext: event.data.emailCiphertext, expiresAt: new Date(event.data.expiresAt) };
    case 'StaffInvitationRenewed':
      return state.status === 'INVITED' ? { ...state, expiresAt: new Date(event.data.expiresAt) } : state;
    case 'StaffInvitationRevoked':
      return { status: 'INVITATION_REVOKED', exists: false };
    case 'StaffAccountCreated':
      return { status: 'ACTIVE', exists: true, kind: 'staff', roles: event.data.roles, ...agency(event.data.agencyId) };
    case 'PersonErased':
      return { status: 'ERASED', exists: false };
    case 'PersonProfileUpdated':
    case 'SessionRevoked':
      return state; // neither changes what decisions depend on; sessions live in their own table
    default:
      return state;
  }
}

function agency(agencyId: string | undefined): { agencyId?: string } {
  return agencyId ? { agencyId } : {};
}

