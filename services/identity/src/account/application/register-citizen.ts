import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, type Clock } from '@serang/platform';
import { Vault } from '@serang/vault';
import { v7 as uuidv7 } from 'uuid';
import { Person } from '../../person';
import { validateRegistration, type RegistrationForm } from '../domain/registration';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { blindIndex } from '../../person';
import { AccountOpening } from '../../person';
import { SessionIssuer, type AuthResult } from '../../sessions';

/**
 * A citizen registers with their NIK: validate → claim NIK and e-mail → encrypt every personal
 * field under the new person's own key → decide → append `CitizenRegistered` → first session.
 */
@Injectable()
export class RegisterCitizenHandler {
  constructor(
    private readonly opening: AccountOpening,
    private readonly sessions: SessionIssuer,
    private readonly vault: Vault,
    private readonly handler: CommandHandler,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(form: RegistrationForm, traceparent?: string): Promise<AuthResult> {
    const valid = validateRegistration(form);
    const personId = uuidv7();
    const key = this.config.blindIndexKey;
    const claims = [
      { kind: 'nik' as const, digest: blindIndex(key, 'nik', valid.nik) },
      { kind: 'email' as const, digest: blindIndex(key, 'email', valid.email) },
    ];
    await this.opening.open(personId, claims, valid.password, async () => {
      const ciphertexts = {
        nik: await this.vault.encrypt(personId, 'nik', valid.nik),
        name: await this.vault.encrypt(personId, 'name', valid.name),
        email: await this.vault.encrypt(personId, 'email', valid.email),
        phone: await this.vault.encrypt(personId, 'phone', valid.phone),
      };
      const metadata = { now: this.clock.now(), actor: { id: personId, role: 'CITIZEN' }, traceparent };
      await this.handler.handle(Person, personId, { type: 'RegisterCitizen', data: { personId, ciphertexts }, metadata }, { creating: true });
    });
    return this.sessions.start({ personId, roles: ['CITIZEN'] }, this.config.TENANT);
  }
}
