import { deciderSpec } from '@serang/testing';
import type { PersonEvent } from '../src/person/domain/identity.events';
import {
  AlreadyRegistered,
  InvalidStaffRoles,
  InvitationAlreadyAccepted,
  InvitationInvalid,
  InvitationNotPending,
  PersonNotActive,
} from '../src/person/domain/identity.errors';
import { Person, type PersonCommand } from '../src/person/domain/person.decider';
import type { SessionRecord } from '../src/person/domain/session.policy';

const given = deciderSpec(Person);

const personId = '0190a000-0000-7000-8000-000000000001';
const now = new Date('2026-01-05T03:00:00.000Z');
const by = (id: string, role = 'CITIZEN') => ({ now, actor: { id, role } });
const admin = by('admin-1', 'AGENCY_ADMIN');
const self = by(personId);
const system = by('system', 'SYSTEM');

const register: PersonCommand = {
  type: 'RegisterCitizen',
  data: { personId, ciphertexts: { nik: 'vault:v1:n', name: 'vault:v1:a', email: 'vault:v1:e', phone: 'vault:v1:p' } },
  metadata: self,
};
const registered: PersonEvent = {
  type: 'CitizenRegistered',
  data: {
    personId,
    nikCiphertext: 'vault:v1:n',
    nameCiphertext: 'vault:v1:a',
    emailCiphertext: 'vault:v1:e',
    phoneCiphertext: 'vault:v1:p',
    registeredAt: '2026-01-05T03:00:00.000Z',
  },
};
const staffAccount = (data: Omit<Extract<PersonCommand, { type: 'CreateStaffAccount' }>['data'], 'personId'>): PersonCommand => ({
  type: 'CreateStaffAccount',
  data: { personId, ...data },
  metadata: system,
});

describe('person decider', () => {
  it('registers a citizen once, with ciphertexts only', () => {
    given([]).when(register).then([registered]);
  });

  it('refuses a second registration of the same person', () => {
    given([registered]).when(register).thenThrows(AlreadyRegistered);
  });

  it('creates a platform admin with no agency', () => {
    given([])
      .when(staffAccount({ roles: ['PLATFORM_ADMIN'], ciphertexts: { email: 'vault:v1:e' } }))
      .then([{ type: 'StaffAccountCreated', data: { personId, roles: ['PLATFORM_ADMIN'], emailCiphertext: 'vault:v1:e' } }]);
  });

  it('scopes officers to an agency and refuses roles that do not fit', () => {
    given([])
      .when(staffAccount({ roles: ['OFFICER', 'OFFICER'], agencyId: 'disdukcapil', ciphertexts: { email: 'e', name: 'n' } }))
      .then([
        { type: 'StaffAccountCreated', data: { personId, roles: ['OFFICER'], agencyId: 'disdukcapil', emailCiphertext: 'e', nameCiphertext: 'n' } },
      ]);
    given([])
      .when(staffAccount({ roles: ['OFFICER'], ciphertexts: { email: 'e' } }))
      .thenThrows(InvalidStaffRoles);
    given([])
      .when(staffAccount({ roles: ['PLATFORM_ADMIN'], agencyId: 'bapenda', ciphertexts: { email: 'e' } }))
      .thenThrows(InvalidStaffRoles);
    given([])
      .when(staffAccount({ roles: [], ciphertexts: { email: 'e' } }))
      .thenThrows(InvalidStaffRoles);
  });

  it('folds roles from history: what a token will carry', () => {
    expect(given([registered]).state).toEqual({ status: 'ACTIVE', exists: true, kind: 'citizen', roles: ['CITIZEN'] });
  });
});

describe('staff invitations', () => {
  const expiresAt = new Date('2026-01-08T03:00:00.000Z');
  const inviteData = { personId, roles: ['OFFICER' as const], agencyId: 'dinsos', emailCiphertext: 'vault:v1:e', invitedBy: 'admin-1', expiresAt };
  const invite = (data: Partial<typeof inviteData> | Record<string, unknown> = {}): PersonCommand => ({
    type: 'InviteStaff',
    data: { ...inviteData, ...data } as typeof inviteData,
    metadata: admin,
  });
  const invited: PersonEvent = {
    type: 'StaffInvited',
    data: {
      personId,
      roles: ['OFFICER'],
      agencyId: 'dinsos',
      emailCiphertext: 'vault:v1:e',
      invitedBy: 'admin-1',
      invitedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    },
  };
  const accept = (at: Date): PersonCommand => ({
    type: 'AcceptStaffInvitation',
    data: { personId, nameCiphertext: 'vault:v1:n' },
    metadata: { now: at, actor: { id: personId, role: 'OFFICER' } },
  });
  const renew = (until: Date): PersonCommand => ({
    type: 'RenewStaffInvitation',
    data: { personId, by: 'admin-1', expiresAt: until },
    metadata: admin,
  });
  const created: PersonEvent = {
    type: 'StaffAccountCreated',
    data: { personId, roles: ['OFFICER'], agencyId: 'dinsos', emailCiphertext: 'vault:v1:e', nameCiphertext: 'vault:v1:n' },
  };

  it('invites with the roles and agency that acceptance will grant, whatever the acceptance says', () => {
    given([]).when(invite()).then([invited]);
    given([invited])
      .when(accept(new Date('2026-01-06T00:00:00Z')))
      .then([created]);
  });

  it('refuses an expired or revoked invitation alike, and tells a second acceptance that the first one won', () => {
    given([invited]).when(accept(expiresAt)).thenThrows(InvitationInvalid);
    const revoked: PersonEvent = { type: 'StaffInvitationRevoked', data: { personId, revokedBy: 'admin-1', revokedAt: now.toISOString() } };
    given([invited])
      .when({ type: 'RevokeStaffInvitation', data: { personId, by: 'admin-1' }, metadata: admin })
      .then([revoked]);
    given([invited, revoked]).when(accept(now)).thenThrows(InvitationInvalid);
    given([invited, created]).when(accept(now)).thenThrows(InvitationAlreadyAccepted);
  });

  it('renews an expired invitation with a later expiry, which acceptance then honours', () => {
    const later = new Date('2026-02-01T00:00:00Z');
    const renewed: PersonEvent = { type: 'StaffInvitationRenewed', data: { personId, renewedBy: 'admin-1', expiresAt: later.toISOString() } };
    given([invited]).when(renew(later)).then([renewed]);
    given([invited, renewed])
      .when(accept(new Date('2026-01-20T00:00:00Z')))
      .then([created]);
    given([invited, created]).when(renew(later)).thenThrows(InvitationNotPending);
  });

  it('does not invite a platform admin into an agency, nor an officer without one', () => {
    given([])
      .when(invite({ roles: ['PLATFORM_ADMIN'] }))
      .thenThrows(InvalidStaffRoles);
    given([])
      .when(invite({ roles: ['OFFICER', 'PLATFORM_ADMIN'] }))
      .thenThrows(InvalidStaffRoles);
    given([])
      .when(invite({ agencyId: undefined }))
      .thenThrows(InvalidStaffRoles);
  });
});

describe('profile, sessions and erasure', () => {
  const live: SessionRecord = {
    id: '0190a000-0000-7000-8000-0000000000aa',
    personId,
    familyId: 'f',
    createdAt: new Date(now.getTime() - 60_000),
    expiresAt: new Date(now.getTime() + 3600_000),
  };
  const old: SessionRecord = { ...live, id: '0190a000-0000-7000-8000-0000000000ab', createdAt: new Date(now.getTime() - 86_400_000) };
  const ttl = 900_000;
  const revokedBecause = (reason: string): PersonEvent => ({
    type: 'SessionRevoked',
    data: { sessionId: live.id, personId, revokedAt: now.toISOString(), reason } as Extract<PersonEvent, { type: 'SessionRevoked' }>['data'],
  });

  it('records only the changed fields of a profile, and nothing when nothing changed', () => {
    given([registered])
      .when({ type: 'UpdateProfile', data: { personId, changes: { phoneCiphertext: 'vault:v1:p2', addressCiphertext: undefined } }, metadata: self })
      .then([{ type: 'PersonProfileUpdated', data: { personId, phoneCiphertext: 'vault:v1:p2', updatedAt: now.toISOString() } }]);
    given([registered])
      .when({ type: 'UpdateProfile', data: { personId, changes: {} }, metadata: self })
      .then([]);
  });

  it('records revoked sessions whatever the person’s state, leaving out those whose access tokens expired long ago', () => {
    const revoke: PersonCommand = {
      type: 'RecordSessionRevocations',
      data: { reason: 'LOGOUT', sessions: [live, old], accessTokenTtlMs: ttl },
      metadata: self,
    };
    given([registered])
      .when(revoke)
      .then([revokedBecause('LOGOUT')]);
    given([])
      .when(revoke)
      .then([revokedBecause('LOGOUT')]);
  });

  it('erases a person once, with their live sessions; an erased person changes no more and may not sign in', () => {
    const erased: PersonEvent = { type: 'PersonErased', data: { personId, erasedAt: now.toISOString(), reason: 'CITIZEN_REQUEST' } };
    const erase: PersonCommand = {
      type: 'ErasePerson',
      data: { personId, reason: 'CITIZEN_REQUEST', sessions: [live], accessTokenTtlMs: ttl },
      metadata: self,
    };
    given([registered])
      .when(erase)
      .then([revokedBecause('PERSON_ERASED'), erased]);
    given([registered, erased]).when(erase).thenThrows(PersonNotActive);
    given([registered, erased])
      .when({ type: 'UpdateProfile', data: { personId, changes: { nameCiphertext: 'x' } }, metadata: self })
      .thenThrows(PersonNotActive);
    expect(given([registered, erased]).state.exists).toBe(false);
  });
});
