import type { Actor, Aggregate, Command } from '@serang/eventstore';
import type { ErasureReason, PersonEvent, PersonProfileUpdated, Role, SessionRevokeReason, StaffRole } from './identity.events';
import {
  ConcurrentChange,
  AlreadyRegistered,
  InvitationAlreadyAccepted,
  InvitationInvalid,
  InvitationNotPending,
  PersonNotActive,
} from './identity.errors';
import { sessionRevocations, type SessionRecord } from './session.policy';
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
export type RegisterCitizen = Command<
  'RegisterCitizen',
  { personId: string; ciphertexts: { nik: string; name: string; email: string; phone: string } },
  Actor
>;

/** The platform creates a staff account directly: only the configured first platform admin. */
export type CreateStaffAccount = Command<
  'CreateStaffAccount',
  { personId: string; roles: readonly StaffRole[]; agencyId?: string; ciphertexts: { email: string; name?: string } },
  Actor
>;

/** An admin invites someone; who may invite whom is checked before (staff.policy.ts). */
export type InviteStaff = Command<
  'InviteStaff',
  { personId: string; roles: readonly StaffRole[]; agencyId?: string; emailCiphertext: string; invitedBy: string; expiresAt: Date },
  Actor
>;
export type RenewStaffInvitation = Command<'RenewStaffInvitation', { personId: string; by: string; expiresAt: Date }, Actor>;
export type RevokeStaffInvitation = Command<'RevokeStaffInvitation', { personId: string; by: string }, Actor>;
/** The invited person follows the link, names themself and chooses a password (stored apart). */
export type AcceptStaffInvitation = Command<'AcceptStaffInvitation', { personId: string; nameCiphertext: string }, Actor>;

export type UpdateProfile = Command<
  'UpdateProfile',
  { personId: string; changes: Omit<PersonProfileUpdated['data'], 'personId' | 'updatedAt'> },
  Actor
>;
/** Sessions that are live: their revocation is recorded (for the gateways' denylist) with the erasure. */
type LiveSessions = { sessions: readonly SessionRecord[]; accessTokenTtlMs: number };
export type ErasePerson = Command<'ErasePerson', { personId: string; reason: ErasureReason } & LiveSessions, Actor>;
/** Sessions revoked (sign-out everywhere, a password change, a refresh token reused): a fact whatever the person's state. */
export type RecordSessionRevocations = Command<'RecordSessionRevocations', { reason: SessionRevokeReason } & LiveSessions, Actor>;

export type PersonCommand =
  | RegisterCitizen
  | CreateStaffAccount
  | InviteStaff
  | RenewStaffInvitation
  | RevokeStaffInvitation
  | AcceptStaffInvitation
  | UpdateProfile
  | ErasePerson
  | RecordSessionRevocations;

/** Decides what a command does to one person's stream (`person-<id>`). Pure: no I/O, no clock. */
export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  switch (command.type) {
    case 'RegisterCitizen': {
      if (state.status !== 'NONE') throw new AlreadyRegistered();
      const { nik, name, email, phone } = command.data.ciphertexts;
      return [
        {
          type: 'CitizenRegistered',
          data: {
            personId: command.data.personId,
            nikCiphertext: nik,
            nameCiphertext: name,
            emailCiphertext: email,
            phoneCiphertext: phone,
            registeredAt: command.metadata.now.toISOString(),
          },
        },
      ];
    }
    case 'CreateStaffAccount': {
      if (state.status !== 'NONE') throw new AlreadyRegistered();
      const roles = checkStaffRoles(command.data.roles, command.data.agencyId);
      const { email, name } = command.data.ciphertexts;
      return [
        {
          type: 'StaffAccountCreated',
          data: {
            personId: command.data.personId,
            roles,
            ...agency(command.data.agencyId),
            emailCiphertext: email,
            ...(name ? { nameCiphertext: name } : {}),
          },
        },
      ];
    }
    case 'InviteStaff': {
      if (state.status !== 'NONE') throw new AlreadyRegistered();
      const roles = checkStaffRoles(command.data.roles, command.data.agencyId);
      return [
        {
          type: 'StaffInvited',
          data: {
            personId: command.data.personId,
            roles,
            ...agency(command.data.agencyId),
            emailCiphertext: command.data.emailCiphertext,
            invitedBy: command.data.invitedBy,
            invitedAt: command.metadata.now.toISOString(),
            expiresAt: command.data.expiresAt.toISOString(),
          },
        },
      ];
    }
    case 'RenewStaffInvitation':
      if (state.status !== 'INVITED') throw new InvitationNotPending();
      return [
        {
          type: 'StaffInvitationRenewed',
          data: { personId: command.data.personId, renewedBy: command.data.by, expiresAt: command.data.expiresAt.toISOString() },
        },
      ];
    case 'RevokeStaffInvitation':
      if (state.status !== 'INVITED') throw new InvitationNotPending();
      return [
        {
          type: 'StaffInvitationRevoked',
          data: { personId: command.data.personId, revokedBy: command.data.by, revokedAt: command.metadata.now.toISOString() },
        },
      ];
    case 'AcceptStaffInvitation':
      if (state.status === 'ACTIVE' && state.kind === 'staff') throw new InvitationAlreadyAccepted();
      if (state.status !== 'INVITED' || state.expiresAt.getTime() <= command.metadata.now.getTime()) throw new InvitationInvalid();
      return [
        {
          type: 'StaffAccountCreated',
          data: {
            personId: command.data.personId,
            roles: [...state.roles],
            ...agency(state.agencyId),
            emailCiphertext: state.emailCiphertext,
            nameCiphertext: command.data.nameCiphertext,
          },
        },
      ];
    case 'UpdateProfile': {
      if (state.status !== 'ACTIVE') throw new PersonNotActive();
      const changes = Object.fromEntries(Object.entries(command.data.changes).filter(([, v]) => typeof v === 'string'));
      if (Object.keys(changes).length === 0) return [];
      return [{ type: 'PersonProfileUpdated', data: { personId: command.data.personId, ...changes, updatedAt: command.metadata.now.toISOString() } }];
    }
    case 'ErasePerson': {
      if (state.status !== 'ACTIVE' && state.status !== 'INVITED') throw new PersonNotActive();
      const { now } = command.metadata;
      return [
        ...sessionRevocations(command.data.sessions, 'PERSON_ERASED', now, command.data.accessTokenTtlMs),
        { type: 'PersonErased', data: { personId: command.data.personId, erasedAt: now.toISOString(), reason: command.data.reason } },
      ];
    }
    case 'RecordSessionRevocations':
      return sessionRevocations(command.data.sessions, command.data.reason, command.metadata.now, command.data.accessTokenTtlMs);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** A person (citizen or staff) on the one write path: stream `person-<id>` (docs/write-path.md). */
export const Person: Aggregate<PersonCommand, PersonEvent, PersonState> = {
  category: 'person',
  initialState: initialPersonState,
  decide: (command, state) => decidePerson(command, state),
  evolve: (state, event) => evolvePerson(state, event),
  conflict: () => new ConcurrentChange(),
};

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'CitizenRegistered':
      return { status: 'ACTIVE', exists: true, kind: 'citizen', roles: ['CITIZEN'] };
    case 'StaffInvited':
      return {
        status: 'INVITED',
        exists: false,
        roles: event.data.roles,
        ...agency(event.data.agencyId),
        emailCiphertext: event.data.emailCiphertext,
        expiresAt: new Date(event.data.expiresAt),
      };
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
