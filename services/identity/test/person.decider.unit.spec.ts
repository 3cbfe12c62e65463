import type { PersonEvent } from '../src/domain/identity.events';
import { AlreadyRegistered, InvalidStaffRoles } from '../src/domain/identity.errors';
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
    expect([registered].reduce(evolvePerson, initialPersonState)).toEqual({ exists: true, kind: 'citizen', roles: ['CITIZEN'] });
  });
});
