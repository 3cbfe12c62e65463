import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@serang/eventstore';
import { EVENT_STORE } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { PersonEvent, Role } from '../domain/identity.events';
import { PersonNotFound } from '../domain/identity.errors';
import { evolvePerson, initialPersonState, type PersonState } from '../domain/person.decider';
import { PersonsQueries } from '../infra/persons.queries';
import { personStream } from './account-opening';

/** A person as identity shows them: ciphertexts until someone entitled asks for the plaintext. */
export interface PersonProfile {
  id: string;
  roles: Role[];
  agencyId?: string;
  ciphertexts: { name?: string; email?: string; phone?: string };
}

export interface DecryptedProfile {
  id: string;
  roles: Role[];
  agencyId?: string;
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * Reads persons: the read model first; the person's own stream when the projection has not caught
 * up yet (a citizen asks for `me` right after registering).
 */
@Injectable()
export class PersonReader {
  constructor(
    private readonly queries: PersonsQueries,
    private readonly vault: Vault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The write side's view (roles for a token): always the stream, never a lagging projection. */
  async state(personId: string): Promise<PersonState> {
    return (await this.events(personId)).reduce(evolvePerson, initialPersonState);
  }

  async profile(personId: string): Promise<PersonProfile | undefined> {
    const row = await this.queries.byId(personId);
    if (row) {
      return {
        id: row.id,
        roles: row.roles as Role[],
        ...(row.agency_id ? { agencyId: row.agency_id } : {}),
        ciphertexts: { name: row.name_ciphertext ?? undefined, email: row.email_ciphertext ?? undefined, phone: row.phone_ciphertext ?? undefined },
      };
    }
    let profile: PersonProfile | undefined;
    for (const e of await this.events(personId)) {
      if (e.type === 'CitizenRegistered') {
        profile = { id: personId, roles: ['CITIZEN'], ciphertexts: { name: e.data.nameCiphertext, email: e.data.emailCiphertext, phone: e.data.phoneCiphertext } };
      } else if (e.type === 'StaffAccountCreated') {
        const d = e.data;
        profile = { id: personId, roles: d.roles, ...(d.agencyId ? { agencyId: d.agencyId } : {}), ciphertexts: { name: d.nameCiphertext, email: d.emailCiphertext } };
      }
    }
    return profile;
  }

  /** The caller's own personal data, decrypted for them alone. */
  async ownProfile(personId: string): Promise<DecryptedProfile> {
    const p = await this.profile(personId);
    if (!p) throw new PersonNotFound(personId);
    const open = (field: 'name' | 'email' | 'phone') => {
      const c = p.ciphertexts[field];
      return c ? this.vault.decrypt(personId, field, c) : Promise.resolve(undefined);
    };
    return { id: p.id, roles: p.roles, agencyId: p.agencyId, name: await open('name'), email: await open('email'), phone: await open('phone') };
  }

  private async events(personId: string): Promise<PersonEvent[]> {
    return (await this.store.readStream(personStream(personId))) as unknown as PersonEvent[];
  }
}
