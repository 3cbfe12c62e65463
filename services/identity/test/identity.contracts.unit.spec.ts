import { decodeEvent, encodeEvent } from '@serang/contracts';
import { decidePerson, initialPersonState } from '../src/person/domain/person.decider';
import { sessionRevocations } from '../src/person/domain/session.policy';

/** What the decider emits must fit proto/serang/identity/v1/events.proto, or Kafka mode cannot relay it. */
describe('identity events against their protobuf contracts', () => {
  const personId = '0190a000-0000-7000-8000-000000000001';
  const seeding = { now: new Date('2026-01-05T03:00:00Z'), actor: { id: 'system', role: 'SYSTEM' } };

  it('CitizenRegistered round-trips through its contract', () => {
    const [event] = decidePerson(
      {
        type: 'RegisterCitizen',
        data: { personId, ciphertexts: { nik: 'vault:v1:n', name: 'vault:v1:a', email: 'vault:v1:e', phone: 'vault:v1:p' } },
        metadata: { now: new Date('2026-01-05T03:00:00Z'), actor: { id: personId, role: 'CITIZEN' } },
      },
      initialPersonState,
    );
    expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
  });

  it('StaffAccountCreated round-trips, with and without agency and name', () => {
    const admin = decidePerson(
      { type: 'CreateStaffAccount', data: { personId, roles: ['PLATFORM_ADMIN'], ciphertexts: { email: 'vault:v1:e' } }, metadata: seeding },
      initialPersonState,
    )[0];
    expect(decodeEvent(admin.type, encodeEvent(admin.type, admin.data).bytes)).toEqual(admin.data);
    const officer = decidePerson(
      {
        type: 'CreateStaffAccount',
        data: { personId, roles: ['OFFICER', 'AGENCY_ADMIN'], agencyId: 'disdukcapil', ciphertexts: { email: 'vault:v1:e', name: 'vault:v1:a' } },
        metadata: seeding,
      },
      initialPersonState,
    )[0];
    expect(decodeEvent(officer.type, encodeEvent(officer.type, officer.data).bytes)).toEqual(officer.data);
  });

  it('SessionRevoked round-trips through its contract', () => {
    const now = new Date('2026-01-05T03:00:00Z');
    const [event] = sessionRevocations(
      [{ id: '0190a000-0000-7000-8000-0000000000aa', personId, familyId: 'f', createdAt: now, expiresAt: now }],
      'REFRESH_TOKEN_REUSED',
      now,
      900_000,
    );
    expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
  });
});
