import { Inject, Injectable } from '@nestjs/common';
import { load, readEvents, type EventStore } from '@serang/eventstore';
import { EVENT_STORE } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import type { PersonEvent, Role } from '../domain/identity.events';
import { PersonNotFound } from '../domain/identity.errors';
import { Person, type PersonState } from '../domain/person.decider';

export const PERSONAL_FIELDS = ['nik', 'name', 'email', 'phone', 'address', 'birthDate'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** A person as identity keeps them: ciphertexts until someone entitled asks for the plaintext. */
export interface PersonProfile {
  id: string;
  roles: Role[];
  agencyId?: string;
  status: string;
  ciphertexts: Partial<Record<PersonalField, string>>;
}

export type DecryptedProfile = Omit<PersonProfile, 'ciphertexts'> & Partial<Record<PersonalField, string>>;

/** Reads persons from their streams (lists of staff read the persons read model instead). */
@Injectable()
export class PersonReader {
  constructor(
    private readonly vault: Vault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The write side's view (roles for a token): always the stream, never a lagging projection. */
  async state(personId: string): Promise<PersonState> {
    return (await load(this.store, Person, personId)).state;
  }

  /**
   * A person as their own stream tells it: the write side's truth, so an answer right after a
   * change (a profile update, a registration) already shows it. Streams of people are short.
   */
  async profile(personId: string): Promise<PersonProfile | undefined> {
    return this.fold(personId, await readEvents(this.store, Person, personId));
  }

  /** The named fields of a person, decrypted; an erased person's come back empty. */
  async decrypted(personId: string, fields: readonly PersonalField[] = PERSONAL_FIELDS): Promise<DecryptedProfile> {
    const p = await this.profile(personId);
    if (!p) throw new PersonNotFound(personId);
    return this.open(p, fields);
  }

  /** Decrypts the named fields of a profile already read (no second read of the stream). */
  async open(p: PersonProfile, fields: readonly PersonalField[] = PERSONAL_FIELDS): Promise<DecryptedProfile> {
    const { ciphertexts, ...rest } = p;
    const out: DecryptedProfile = { ...rest };
    for (const f of fields) {
      const c = ciphertexts[f];
      if (!c) continue;
      try {
        out[f] = await this.vault.decrypt(p.id, f, c);
      } catch (e) {
        if (!(e instanceof PersonDataErasedError)) throw e;
      }
    }
    return out;
  }

  private fold(personId: string, events: PersonEvent[]): PersonProfile | undefined {
    let p: PersonProfile | undefined;
    for (const e of events) {
      switch (e.type) {
        case 'CitizenRegistered':
          p = {
            id: personId,
            roles: ['CITIZEN'],
            status: 'ACTIVE',
            ciphertexts: { nik: e.data.nikCiphertext, name: e.data.nameCiphertext, email: e.data.emailCiphertext, phone: e.data.phoneCiphertext },
          };
          break;
        case 'StaffInvited':
          p = {
            id: personId,
            roles: e.data.roles,
            ...(e.data.agencyId ? { agencyId: e.data.agencyId } : {}),
            status: 'INVITED',
            ciphertexts: { email: e.data.emailCiphertext },
          };
          break;
        case 'StaffAccountCreated': {
          const d = e.data;
          p = {
            id: personId,
            roles: d.roles,
            ...(d.agencyId ? { agencyId: d.agencyId } : {}),
            status: 'ACTIVE',
            ciphertexts: { email: d.emailCiphertext, ...(d.nameCiphertext ? { name: d.nameCiphertext } : {}) },
          };
          break;
        }
        case 'PersonProfileUpdated': {
          if (!p) break;
          const d = e.data;
          const changed = {
            name: d.nameCiphertext,
            email: d.emailCiphertext,
            phone: d.phoneCiphertext,
            address: d.addressCiphertext,
            birthDate: d.birthDateCiphertext,
          };
          p = { ...p, ciphertexts: { ...p.ciphertexts, ...Object.fromEntries(Object.entries(changed).filter(([, v]) => v)) } };
          break;
        }
        case 'StaffInvitationRevoked':
          if (p) p = { ...p, status: 'INVITATION_REVOKED' };
          break;
        case 'PersonErased':
          if (p) p = { ...p, status: 'ERASED', ciphertexts: {} };
          break;
        default:
          break;
      }
    }
    return p;
  }
}
