import { IdentityError } from '../../person';

/** Single sign-on's refusals, answered by the platform's DomainErrorFilter like identity's others. */
export class OidcClientNotFound extends IdentityError {
  readonly reason = 'IDENTITY.OIDC_CLIENT_NOT_FOUND';
  readonly code = 'NOT_FOUND';
  constructor(readonly clientId: string) {
    super(`single sign-on client ${clientId} not found`);
  }
}

/** A client id that already has a history (client ids are fresh UUIDs: only a replayed command). */
export class OidcClientExists extends IdentityError {
  readonly reason = 'IDENTITY.OIDC_CLIENT_EXISTS';
  readonly code = 'CONFLICT';
  constructor(readonly clientId: string) {
    super(`single sign-on client ${clientId} already exists`);
  }
}

/**
 * A staff account tried to sign in to an agency app. Only said after the password was right, so it
 * tells nothing to someone who does not know it.
 */
export class OidcCitizensOnly extends IdentityError {
  readonly reason = 'IDENTITY.OIDC_CITIZENS_ONLY';
  readonly code = 'FORBIDDEN';
  constructor() {
    super('only citizen accounts sign in to agency apps');
  }
}
