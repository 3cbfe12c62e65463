import { Inject, Injectable } from '@nestjs/common';
import { streamOf, type EventStore } from '@serang/eventstore';
import { EVENT_STORE, LOGGER } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { Logger } from 'pino';
import { AlreadyRegistered } from '../domain/identity.errors';
import { Person } from '../domain/person.decider';
import { AccountsRepository, type Claim, type ClaimHolder } from '../infra/accounts.repository';
import { PasswordHasher } from '../infra/password-hasher';

/**
 * Opens an account: claims its blind indexes (and stores its password hash) BEFORE its first
 * event, so two registrations of one NIK or e-mail cannot both append; releases them again if the
 * first append fails, so a failed registration blocks nobody.
 */
@Injectable()
export class AccountOpening {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly vault: Vault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /**
   * `appendFirstEvent` encrypts and appends the account's first event. Throws AlreadyRegistered
   * when a claim belongs to another account. No password: an invitation (chosen on acceptance).
   */
  async open(personId: string, claims: readonly Claim[], password: string | undefined, appendFirstEvent: () => Promise<void>): Promise<void> {
    const hash = password === undefined ? undefined : await this.passwords.hash(password); // before the claim: hold nothing while hashing
    let holders = await this.accounts.claim(personId, claims, hash);
    if (holders.length > 0 && (await this.allAbandoned(holders))) {
      for (const h of holders) await this.accounts.release(h.personId);
      this.log.warn({ released: holders.map((h) => h.personId) }, 'released blind-index claims of registrations that never appended');
      holders = await this.accounts.claim(personId, claims, hash);
    }
    if (holders.length > 0) throw new AlreadyRegistered();
    try {
      await appendFirstEvent();
    } catch (e) {
      await this.accounts.release(personId);
      await this.vault.destroy(personId); // whatever was encrypted for this never-born person stays unreadable
      throw e;
    }
  }

  /**
   * A process that died between claim and append leaves claims with no stream behind them: old
   * enough not to be in flight, and no event ever written. Only those may be taken over.
   */
  private async allAbandoned(holders: readonly ClaimHolder[]): Promise<boolean> {
    for (const h of holders) {
      if (!h.old) return false;
      if ((await this.store.readStream(streamOf(Person, h.personId), { maxCount: 1 })).length > 0) return false;
    }
    return true;
  }
}
