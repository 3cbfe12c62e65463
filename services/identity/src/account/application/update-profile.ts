import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, PG_POOL, type AuthUser, type Clock } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { Pool } from 'pg';
import { validateProfileChanges, type ProfileForm } from '../domain/profile';
import { EmailTaken } from '../../person';
import { Person } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AccountsRepository } from '../../person';
import { blindIndex } from '../../person';
import { withPersonLock } from '../../person';
import { actorOf } from '../../person';
import { PersonReader, type DecryptedProfile } from '../../person';
import { SessionCheck } from '../../sessions';

/**
 * A person changes their own profile: name, e-mail (its lookup moves with it, so it must be
 * free), phone, address and birth date. The NIK never changes: it is the person.
 */
@Injectable()
export class UpdateProfileHandler {
  constructor(
    private readonly check: SessionCheck,
    private readonly persons: PersonReader,
    private readonly accounts: AccountsRepository,
    private readonly vault: Vault,
    private readonly handler: CommandHandler,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(user: AuthUser, form: ProfileForm, traceparent?: string): Promise<DecryptedProfile> {
    await this.check.assertLive(user);
    const valid = validateProfileChanges(form, this.clock.now());
    const id = user.id;
    const seal = (field: string, value: string | undefined) =>
      value === undefined ? Promise.resolve(undefined) : this.vault.encrypt(id, field, value);
    const changes = {
      nameCiphertext: await seal('name', valid.name),
      emailCiphertext: await seal('email', valid.email),
      phoneCiphertext: await seal('phone', valid.phone),
      addressCiphertext: await seal('address', valid.address),
      birthDateCiphertext: await seal('birthDate', valid.birthDate),
    };
    await withPersonLock(this.db, id, async (tx) => {
      const command = {
        type: 'UpdateProfile' as const,
        data: { personId: id, changes },
        metadata: { now: this.clock.now(), actor: actorOf(user), traceparent },
      };
      // The e-mail's claim moves with the event, in the person's transaction: only when something changes.
      await this.handler.handle(Person, id, command, {
        beforeAppend: async () => {
          if (valid.email && !(await this.accounts.replaceEmailClaim(id, blindIndex(this.config.blindIndexKey, 'email', valid.email), tx))) {
            const current = await this.accounts.personIdOf('email', blindIndex(this.config.blindIndexKey, 'email', valid.email), tx);
            if (current !== id) throw new EmailTaken();
          }
        },
      });
    });
    return this.persons.decrypted(id);
  }
}
