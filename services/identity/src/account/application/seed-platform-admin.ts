import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, LOGGER, type Clock } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { normaliseEmail } from '../../person';
import { AlreadyRegistered } from '../../person';
import { Person } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AccountsRepository } from '../../person';
import { blindIndex } from '../../person';
import { AccountOpening } from '../../person';

/**
 * The first platform admin, from PLATFORM_ADMIN_EMAIL and PLATFORM_ADMIN_PASSWORD when both are
 * set. Seeded once: the e-mail's blind index is the marker, so a restart or a second replica finds
 * it and writes nothing. A later change of the configured password does not change the account
 * (that is changePassword's job); the configuration only ever creates it.
 */
@Injectable()
export class SeedPlatformAdmin implements OnApplicationBootstrap {
  constructor(
    private readonly opening: AccountOpening,
    private readonly accounts: AccountsRepository,
    private readonly vault: Vault,
    private readonly handler: CommandHandler,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { PLATFORM_ADMIN_EMAIL: rawEmail, PLATFORM_ADMIN_PASSWORD: password } = this.config;
    if (!rawEmail || !password) return;
    const parsed = normaliseEmail(rawEmail);
    if (!parsed.ok) throw new Error('PLATFORM_ADMIN_EMAIL is not an e-mail address'); // the config schema refuses it first
    const email = parsed.value;
    const digest = blindIndex(this.config.blindIndexKey, 'email', email);
    const existing = await this.accounts.personIdOf('email', digest);
    if (existing) {
      this.log.info({ personId: existing }, 'platform admin already present');
      return;
    }
    const personId = uuidv7();
    try {
      await this.opening.open(personId, [{ kind: 'email', digest }], password, async () => {
        const ciphertexts = { email: await this.vault.encrypt(personId, 'email', email) };
        const metadata = { now: this.clock.now(), actor: { id: 'system', role: 'SYSTEM' } };
        await this.handler.handle(
          Person,
          personId,
          { type: 'CreateStaffAccount', data: { personId, roles: ['PLATFORM_ADMIN'], ciphertexts }, metadata },
          { creating: true },
        );
      });
      this.log.info({ personId }, 'platform admin seeded');
    } catch (e) {
      if (!(e instanceof AlreadyRegistered)) throw e;
      this.log.info('platform admin already present (seeded by another replica)');
    }
  }
}
