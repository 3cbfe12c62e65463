import { DomainError } from '@serang/domain';

/**
 * Identity's refusals, each with a stable reason and SPEC.md's code; the platform's
 * DomainErrorFilter answers them in the caller's language (no resolver maps them).
 */
export abstract class IdentityError extends DomainError {}

/** Another writer changed the account (or system, or client) between this read and its append. */
export class ConcurrentChange extends IdentityError {
  readonly reason = 'IDENTITY.CONCURRENT_CHANGE';
  readonly code = 'CONFLICT';
  constructor() {
    super('changed concurrently');
  }
}

/** Some fields were refused: field name → message key (one per field). */
export class InvalidInput extends IdentityError {
  readonly reason = 'IDENTITY.INVALID_INPUT';
  readonly code = 'BAD_USER_INPUT';
  constructor(override readonly fields: Record<string, string>) {
    super(`invalid input: ${Object.keys(fields).join(', ')}`);
  }
}

/**
 * The NIK or the e-mail already belongs to an account. Deliberately does not say which, so the
 * answer is the same whichever collided.
 */
export class AlreadyRegistered extends IdentityError {
  readonly reason = 'IDENTITY.ALREADY_REGISTERED';
  readonly code = 'CONFLICT';
  constructor() {
    super('an account with this NIK or e-mail already exists');
  }
}

/** Wrong password, unknown account, or an account that cannot sign in: one error for all. */
export class InvalidCredentials extends IdentityError {
  readonly reason = 'IDENTITY.INVALID_CREDENTIALS';
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('invalid credentials');
  }
}

/** Staff roles that do not fit together (e.g. an officer without an agency). */
export class InvalidStaffRoles extends IdentityError {
  readonly reason = 'IDENTITY.INVALID_STAFF_ROLES';
  readonly code = 'BAD_USER_INPUT';
}

export class PersonNotFound extends IdentityError {
  readonly reason = 'IDENTITY.PERSON_NOT_FOUND';
  readonly code = 'NOT_FOUND';
  constructor(readonly personId: string) {
    super(`person ${personId} not found`);
  }
}

/** A refresh token that is unknown or expired: the client must sign in again. */
export class RefreshTokenInvalid extends IdentityError {
  readonly reason = 'IDENTITY.REFRESH_TOKEN_INVALID';
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('refresh token unknown or expired');
  }
}

/** An already exchanged refresh token came back: its whole family has just been revoked. */
export class RefreshTokenReused extends IdentityError {
  readonly reason = 'IDENTITY.REFRESH_TOKEN_REUSED';
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('refresh token reused; its session family is revoked');
  }
}

/** The session the token or refresh token belongs to was revoked (logout, reuse, password change). */
export class SessionEnded extends IdentityError {
  readonly reason = 'AUTH.SESSION_REVOKED';
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('session revoked');
  }
}

/** Too many failed logins for this account or from this address; says nothing about existence. */
export class LoginThrottled extends IdentityError {
  readonly reason = 'IDENTITY.LOGIN_THROTTLED';
  readonly code = 'TOO_MANY_REQUESTS';
  override readonly params: { minutes: number };
  /** The wait, for a client to count down (and the gateway's `Retry-After`). */
  override readonly extensions: { retryAfterSeconds: number };
  constructor(readonly retryAfterSeconds: number) {
    super(`login throttled for ${retryAfterSeconds} s`);
    this.params = { minutes: Math.ceil(retryAfterSeconds / 60) };
    this.extensions = { retryAfterSeconds };
  }
}

/** The caller's roles or agency do not allow this (tokens decide, never arguments). */
export class NotAllowed extends IdentityError {
  readonly reason = 'IDENTITY.NOT_ALLOWED';
  readonly code = 'FORBIDDEN';
}

/** An invitation link that is unknown, used, revoked or expired: one answer for all. */
export class InvitationInvalid extends IdentityError {
  readonly reason = 'IDENTITY.INVITATION_INVALID';
  readonly code = 'BAD_USER_INPUT';
  constructor() {
    super('invitation unknown, used, revoked or expired');
  }
}

/**
 * The link was used already: its account exists. A CONFLICT (two tabs, a double tap, a resend on a
 * poor connection all land here), never a second account and never a second session from the link.
 */
export class InvitationAlreadyAccepted extends IdentityError {
  readonly reason = 'IDENTITY.INVITATION_ALREADY_ACCEPTED';
  readonly code = 'CONFLICT';
  constructor() {
    super('invitation already accepted');
  }
}

/** An agency already has a live system (or single sign-on client) of this name. */
export class NameTaken extends IdentityError {
  readonly reason = 'IDENTITY.NAME_TAKEN';
  readonly code = 'CONFLICT';
  constructor() {
    super('name already in use within the agency');
  }
}

/** The invitation is not pending (already accepted or revoked), so it cannot be renewed or revoked. */
export class InvitationNotPending extends IdentityError {
  readonly reason = 'IDENTITY.INVITATION_NOT_PENDING';
  readonly code = 'CONFLICT';
  constructor() {
    super('invitation is not pending');
  }
}

/** The e-mail address already has an account or a pending invitation. */
export class EmailTaken extends IdentityError {
  readonly reason = 'IDENTITY.EMAIL_TAKEN';
  readonly code = 'CONFLICT';
  constructor() {
    super('e-mail address already has an account or a pending invitation');
  }
}

/** An agency system's client id and secret did not match a live system. */
export class ClientCredentialsInvalid extends IdentityError {
  readonly reason = 'IDENTITY.CLIENT_CREDENTIALS_INVALID';
  readonly code = 'UNAUTHENTICATED';
  constructor() {
    super('client credentials invalid');
  }
}

export class AgencySystemNotFound extends IdentityError {
  readonly reason = 'IDENTITY.AGENCY_SYSTEM_NOT_FOUND';
  readonly code = 'NOT_FOUND';
  constructor() {
    super('agency system not found');
  }
}

/** The account was erased, or is not one this operation applies to. */
export class PersonNotActive extends IdentityError {
  readonly reason = 'IDENTITY.PERSON_NOT_ACTIVE';
  readonly code = 'CONFLICT';
  constructor() {
    super('person is not an active account');
  }
}
