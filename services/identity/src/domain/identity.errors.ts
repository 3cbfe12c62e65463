/**
 * Identity's domain errors, each with a stable reason; graphql/identity-errors.ts is the one
 * place that turns them into SPEC.md's codes.
 */
export abstract class IdentityError extends Error {
  abstract readonly reason: string;
}

/** Some fields were refused: field name → message key (one per field). */
export class InvalidInput extends IdentityError {
  readonly reason = 'IDENTITY.INVALID_INPUT';
  constructor(readonly fields: Record<string, string>) {
    super(`invalid input: ${Object.keys(fields).join(', ')}`);
  }
}

/**
 * The NIK or the e-mail already belongs to an account. Deliberately does not say which, so the
 * answer is the same whichever collided.
 */
export class AlreadyRegistered extends IdentityError {
  readonly reason = 'IDENTITY.ALREADY_REGISTERED';
  constructor() {
    super('an account with this NIK or e-mail already exists');
  }
}

/** Wrong password, unknown account, or an account that cannot sign in: one error for all. */
export class InvalidCredentials extends IdentityError {
  readonly reason = 'IDENTITY.INVALID_CREDENTIALS';
  constructor() {
    super('invalid credentials');
  }
}

/** Staff roles that do not fit together (e.g. an officer without an agency). */
export class InvalidStaffRoles extends IdentityError {
  readonly reason = 'IDENTITY.INVALID_STAFF_ROLES';
}

export class PersonNotFound extends IdentityError {
  readonly reason = 'IDENTITY.PERSON_NOT_FOUND';
  constructor(readonly personId: string) {
    super(`person ${personId} not found`);
  }
}

/** A refresh token that is unknown or expired: the client must sign in again. */
export class RefreshTokenInvalid extends IdentityError {
  readonly reason = 'IDENTITY.REFRESH_TOKEN_INVALID';
  constructor() {
    super('refresh token unknown or expired');
  }
}

/** An already exchanged refresh token came back: its whole family has just been revoked. */
export class RefreshTokenReused extends IdentityError {
  readonly reason = 'IDENTITY.REFRESH_TOKEN_REUSED';
  constructor() {
    super('refresh token reused; its session family is revoked');
  }
}

/** The session the token or refresh token belongs to was revoked (logout, reuse, password change). */
export class SessionEnded extends IdentityError {
  readonly reason = 'AUTH.SESSION_REVOKED';
  constructor() {
    super('session revoked');
  }
}

/** Too many failed logins for this account or from this address; says nothing about existence. */
export class LoginThrottled extends IdentityError {
  readonly reason = 'IDENTITY.LOGIN_THROTTLED';
  constructor(readonly retryAfterSeconds: number) {
    super(`login throttled for ${retryAfterSeconds} s`);
  }
}
