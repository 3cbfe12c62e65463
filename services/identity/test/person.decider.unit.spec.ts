import type { PersonEvent } from '../src/domain/identity.events';
import { AlreadyRegistered, InvalidStaffRoles, InvitationAlreadyAccepted,
  InvitationInvalid, InvitationNotPending, PersonNotActive } from '../src/domain/identity.errors';
import { decidePerson, evolvePerson, initialPersonState, type PersonCommand } from '../src/domain/person.decider';

/** given(history).when(command).then(events) | .thenThrows(error), as in Emmett's decider specs. */
const given = (history: PersonEvent[]) => ({
  when: (command: PersonCommand) => {
    const run = () => decidePerson(command, history.reduce(evolvePerson, initialPersonState));
    return {
      then: (expected: PersonEvent[]) => expect(run()).toEqual(expected),
      thenThrows: (error: new (...args: never[]) => Error) => expect(run).toThrow(error),
    };
  },
});

const personId = '0190a000-0000-7000-8000-000000000001';
const now = new Date('2026-01-05T03:00:00.000Z');
const register: PersonCommand = { type: 'RegisterCitizen', personId, ciphertexts: { nik: 'vault:v1:n', name: 'vault:v1:a', email: 'vault:v1:e', phone: 'vault:v1:p' }, now };
const registered: PersonEvent = {
  type: 'CitizenRegistered',
  data: { personId, nikCiphertext: 'vault:v1:n', nameCiphertext: 'vault:v1:a', emailCiphertext: 'vault:v1:e', phoneCiphertext: 'vault:v1:p', registeredAt: '2026-01-05T03:00:00.000Z' },
};

describe('person decider', () => {
  it('registers a citizen once, with ciphertexts only', () => {
    given([]).when(register).then([registered]);
  });

  it('refuses a second registration of the same person', () => {
    given([registered]).when(register).thenThrows(AlreadyRegistered);
  });

  it('creates a platform admin with no agency', () => {
    given([])
      .when({ type: 'CreateStaffAccount', personId, roles: ['PLATFORM_ADMIN'], ciphertexts: { email: 'vault:v1:e' } })
      .then([{ type: 'StaffAccountCreated', data: { personId, roles: ['PLATFORM_ADMIN'], emailCiphertext: 'vault:v1:e' } }]);
  });

  it('scopes officers to an agency and refuses roles that do not fit', () => {
    given([])
      .when({ type: 'CreateStaffAccount', personId, roles: ['OFFICER', 'OFFICER'], agencyId: 'disdukcapil', ciphertexts: { email: 'e', name: 'n' } })
      .then([{ type: 'StaffAccountCreated', data: { personId, roles: ['OFFICER'], agencyId: 'disdukcapil', emailCiphertext: 'e', nameCiphertext: 'n' } }]);
    given([]).when({ type: 'CreateStaffAccount', personId, roles: ['OFFICER'], ciphertexts: { email: 'e' } }).thenThrows(InvalidStaffRoles);
    given([]).when({ type: 'CreateStaffAccount', personId, roles: ['PLATFORM_ADMIN'], agencyId: 'bapenda', ciphertexts: { email: 'e' } }).thenThrows(InvalidStaffRoles);
    given([]).when({ type: 'CreateStaffAccount', personId, roles: [], ciphertexts: { email: 'e' } }).thenThrows(InvalidStaffRoles);
  });

  it('folds roles from history: what a token will carry', () => {
    expect([registered].reduce(evolvePerson, initialPersonState)).toEqual({ status: 'ACTIVE', exists: true, kind: 'citizen', roles: ['CITIZEN'] });
  });
});

describe('staff invitations', () => {
  const expiresAt = new Date('2026-01-08T03:00:00.000Z');
  const invite: PersonCommand = { type: 'InviteStaff', personId, roles: ['OFFICER'], agencyId: 'dinsos', emailCiphertext: 'vault:v1:e', invitedBy: 'admin-1', now, expiresAt };
  const invited: PersonEvent = {
    type: 'StaffInvited',
    data: { personId, roles: ['OFFICER'], agencyId: 'dinsos', emailCiphertext: 'vault:v1:e', invitedBy: 'admin-1', invitedAt: now.toISOString(), expiresAt: expiresAt.toISOString() },
  };
  const accept = (at: Date): PersonCommand => ({ type: 'AcceptStaffInvitation', personId, nameCiphertext: 'vault:v1:n', now: at });
  const created: PersonEvent = { type: 'StaffAccountCreated', data: { personId, roles: ['OFFICER'], agencyId: 'dinsos', emailCiphertext: 'vault:v1:e', nameCiphertext: 'vault:v1:n' } };

  it('invites with the roles and agency that acceptance will grant, whatever the acceptance says', () => {
    given([]).when(invite).then([invited]);
    given([invited]).when(accept(new Date('2026-01-06T00:00:00Z'))).then([created]);
  });

  it('refuses an expired or revoked invitation alike, and tells a second acceptance that the first one won', () => {
    given([invited]).when(accept(expiresAt)).thenThrows(InvitationInvalid);
    const revoked: PersonEvent = { type: 'StaffInvitationRevoked', data: { personId, revokedBy: 'admin-1', revokedAt: now.toISOString() } };
    given([invited, revoked]).when(accept(now)).thenThrows(InvitationInvalid);
    given([invited, created]).when(accept(now)).thenThrows(InvitationAlreadyAccepted);
  });

  it('renews an expired invitation with a later expiry, which acceptance then honours', () => {
    const later = new Date('2026-02-01T00:00:00Z');
    const renewed: PersonEvent = { type: 'StaffInvitationRenewed', data: { personId, renewedBy: 'admin-1', expiresAt: later.toISOString() } };
    given([invited]).when({ type: 'RenewStaffInvitation', personId, by: 'admin-1', expiresAt: later }).then([renewed]);
    given([invited, renewed]).when(accept(new Date('2026-01-20T00:00:00Z'))).then([created]);
    given([invited, created]).when({ type: 'RenewStaffInvitation', personId, by: 'admin-1', expiresAt: later }).thenThrows(InvitationNotPending);
  });

  it('does not invite a platform admin into an agency, nor an officer without one', () => {
    given([]).when({ ...invite, roles: ['PLATFORM_ADMIN'] } as PersonCommand).thenThrows(InvalidStaffRoles);
    given([]).when({ ...invite, roles: ['OFFICER', 'PLATFORM_ADMIN'] } as PersonCommand).thenThrows(InvalidStaffRoles);
    given([]).when({ ...invite, agencyId: undefined } as PersonCommand).thenThrows(InvalidStaffRoles);
  });
});

describe('profile and erasure', () => {
  it('records only the changed fields of a profile, and nothing when nothing changed', () => {
    given([registered])
      .when({ type: 'UpdateProfile', personId, changes: { phoneCiphertext: 'vault:v1:p2', addressCiphertext: undefined }, now })
      .then([{ type: 'PersonProfileUpdated', data: { personId, phoneCiphertext: 'vault:v1:p2', updatedAt: now.toISOString() } }]);
    given([registered]).when({ type: 'UpdateProfile', personId, changes: {}, now }).then([]);
  });

  it('erases a person once; an erased person changes no more and may not sign in', () => {
    const erased: PersonEvent = { type: 'PersonErased', data: { personId, erasedAt: now.toISOString(), reason: 'CITIZEN_REQUEST' } };
    given([registered]).when({ type: 'ErasePerson', personId, reason: 'CITIZEN_REQUEST', now }).then([erased]);
    given([registered, erased]).when({ type: 'ErasePerson', personId, reason: 'CITIZEN_REQUEST', now }).thenThrows(PersonNotActive);
    given([registered, erased]).when({ type: 'UpdateProfile', personId, changes: { nameCiphertext: 'x' }, now }).thenThrows(PersonNotActive);
    expect([registered, erased].reduce(evolvePerson, initialPersonState).exists).toBe(false);
  });
});
