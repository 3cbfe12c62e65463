import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL, registry } from '@serang/platform';
import type { Pool } from 'pg';
import { Counter } from 'prom-client';
import { InvalidCredentials, LoginThrottled } from '../../person';
import { parseLoginIdentifier } from '../domain/login-identifier';
import type { PersonState } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AccountsRepository } from '../../person';
import { blindIndex } from '../../person';
import type { ThrottleKey } from '../infra/login-throttles.repository';
import { PasswordHasher } from '../../person';
import { withPersonLock } from '../../person';
import { LoginThrottle } from './login-throttle';
import { PersonReader } from '../../person';
import { SessionIssuer, type AuthResult } from './session-issuer';

/** Password sign-ins by outcome only: never an account, an address or a person. */
const logins = new Counter({
  name: 'serang_identity_logins_total',
  help: "Password sign-ins (the platform's own and single sign-on) by outcome: success, invalid_credentials, throttled, error",
  labelNames: ['outcome'] as const,
  registers: [registry],
});
for (const outcome of ['success', 'invalid_credentials', 'throttled', 'error']) logins.inc({ outcome }, 0);

export interface LoginForm {
  /** The person's e-mail address or NIK. */
  login: string;
  password: string;
}

/**
 * Signs a person in with e-mail or NIK and password. Every failure is the same InvalidCredentials,
 * and an unknown account still costs one argon2 verification (against the dummy hash), so neither
 * the answer nor its timing tells whether the NIK or e-mail has an account. Failures are throttled
 * per login identifier (its blind index, whether or not an account has it) and per client address.
 */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly persons: PersonReader,
    private readonly sessions: SessionIssuer,
    private readonly throttle: LoginThrottle,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /** `clientAddress`: the caller's IP as the transport saw it (undefined: only the account is throttled). */
  async handle(form: LoginForm, clientAddress?: string): Promise<AuthResult> {
    const { personId } = await this.authenticate(form, clientAddress);
    // The session starts under the person's lock, on their state read again there: an erasure
    // (or a password change) committing at the same moment either revokes it or is seen by it.
    const { principal, minted } = await withPersonLock(this.db, personId, async (tx) => {
      const state = await this.persons.state(personId);
      if (!state.exists) throw new InvalidCredentials();
      return { principal: { personId, roles: state.roles, agencyId: state.agencyId }, minted: await this.sessions.open(personId, tx) };
    });
    return this.sessions.tokens(principal, this.config.TENANT, minted);
  }

  /**
   * The credential check of `handle`, with its throttling and its one error, without starting a
   * session: single sign-on signs the person in to its own session instead.
   */
  async authenticate(form: LoginForm, clientAddress?: string): Promise<{ personId: string; state: Extract<PersonState, { exists: true }> }> {
    try {
      const ok = await this.check(form, clientAddress);
      logins.inc({ outcome: 'success' });
      return ok;
    } catch (e) {
      logins.inc({ outcome: e instanceof InvalidCredentials ? 'invalid_credentials' : e instanceof LoginThrottled ? 'throttled' : 'error' });
      throw e;
    }
  }

  private async check(form: LoginForm, clientAddress?: string): Promise<{ personId: string; state: Extract<PersonState, { exists: true }> }> {
    const id = parseLoginIdentifier(form.login);
    const digest = blindIndex(this.config.blindIndexKey, id.kind, id.value);
    const account: ThrottleKey = { scope: 'account', digest };
    const keys = clientAddress
      ? [account, { scope: 'address' as const, digest: blindIndex(this.config.blindIndexKey, 'address', clientAddress) }]
      : [account];
    await this.throttle.assertAllowed(keys);

    const personId = await this.accounts.personIdOf(id.kind, digest);
    const hash = personId ? await this.accounts.passwordHash(personId) : undefined;
    const verified = await this.passwords.verify(hash, form.password);
    const state = verified && personId ? await this.persons.state(personId) : undefined;
    if (!personId || !state?.exists) {
      // Also an account claimed whose first event never landed: it cannot sign in.
      await this.throttle.failed(keys);
      throw new InvalidCredentials();
    }
    await this.throttle.succeeded(account);
    return { personId, state };
  }
}
