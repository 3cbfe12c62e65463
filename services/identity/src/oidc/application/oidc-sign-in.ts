import { Injectable } from '@nestjs/common';
import { LoginHandler, type LoginForm } from '../../sessions';
import { OidcCitizensOnly } from '../domain/oidc.errors';

/**
 * Signs a citizen in on the provider's login page with the very rules of `login`: the same
 * throttling per account and per address, the same one InvalidCredentials for every failure.
 * Staff accounts are refused (after their password was checked): agency apps are for citizens,
 * and an officer's access is governed by identity's roles per agency, which an agency app
 * trusting a single sign-on would bypass.
 */
@Injectable()
export class OidcSignIn {
  constructor(private readonly login: LoginHandler) {}

  /** The person id of the citizen; throws InvalidCredentials, LoginThrottled or OidcCitizensOnly. */
  async signIn(form: LoginForm, clientAddress?: string): Promise<string> {
    const { personId, state } = await this.login.authenticate(form, clientAddress);
    if (!state.roles.includes('CITIZEN')) throw new OidcCitizensOnly();
    return personId;
  }
}
