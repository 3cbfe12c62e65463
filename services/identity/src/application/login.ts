import { Inject, Injectable } from '@nestjs/common';
import { InvalidCredentials } from '../domain/identity.errors';
import { parseLoginIdentifier } from '../domain/login-identifier';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { AccountsRepository } from '../infra/accounts.repository';
import { blindIndex } from '../infra/blind-index';
import { PasswordHasher } from '../infra/password-hasher';
import { PersonReader } from './person-reader';
import { SessionIssuer, type AuthResult } from './session-issuer';

export interface LoginForm {
  /** The person's e-mail address or NIK. */
  login: string;
  password: string;
}

/**
 * Signs a person in with e-mail or NIK and password. Every failure is the same InvalidCredentials,
 * and an unknown account still costs one argon2 verification (against the dummy hash), so neither
 * the answer nor its timing tells whether the NIK or e-mail has an account.
 * Throttling of failed attempts comes with the identity issue.
 */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly persons: PersonReader,
    private readonly sessions: SessionIssuer,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async handle(form: LoginForm): Promise<AuthResult> {
    const id = parseLoginIdentifier(form.login);
    const personId = await this.accounts.personIdOf(id.kind, blindIndex(this.config.blindIndexKey, id.kind, id.value));
    const hash = personId ? await this.accounts.passwordHash(personId) : undefined;
    const verified = await this.passwords.verify(hash, form.password);
    if (!verified || !personId) throw new InvalidCredentials();
    const state = await this.persons.state(personId);
    if (!state.exists) throw new InvalidCredentials(); // claimed, but its first event never landed
    return this.sessions.start({ personId, roles: state.roles, agencyId: state.agencyId }, this.config.TENANT);
  }
}
