import { IntrinsicException } from '@nestjs/common';
import { AppError, translate, type ErrorCode, type Lang } from '@serang/platform';
import { StreamChangedError, WrongExpectedRevisionError } from '@serang/eventstore';
import { PersonDataErasedError } from '@serang/vault';
import { validate as isUuid } from 'uuid';
import {
  AgencySystemNotFound,
  AlreadyRegistered,
  ClientCredentialsInvalid,
  EmailTaken,
  IdentityError,
  InvalidCredentials,
  InvalidInput,
  InvalidStaffRoles,
  InvitationAlreadyAccepted,
  NameTaken,
  InvitationInvalid,
  InvitationNotPending,
  LoginThrottled,
  NotAllowed,
  PersonNotActive,
  PersonNotFound,
  RefreshTokenInvalid,
  RefreshTokenReused,
  SessionEnded,
} from '../domain/identity.errors';
import { OidcCitizensOnly, OidcClientExists, OidcClientNotFound } from '../oidc/domain/oidc.errors';

/**
 * An answer that carries more in `extensions` than AppError does (a throttled login's retry-after),
 * so its message is translated here. graphql-js copies an original error's `extensions` onto the
 * GraphQL error; intrinsic, so Nest does not log it as a fault.
 */
export class ExtendedAnswer extends IntrinsicException {
  constructor(
    message: string,
    readonly extensions: { code: ErrorCode; reason: string } & Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The one mapping from identity's domain errors to SPEC.md's codes; anything else passes through. */
export function toAppError(e: unknown, lang: Lang): unknown {
  if (e instanceof InvalidInput) return new AppError('BAD_USER_INPUT', e.reason, {}, e.fields);
  if (e instanceof PersonDataErasedError) return new AppError('NOT_FOUND', 'IDENTITY.PERSON_NOT_FOUND');
  if (e instanceof WrongExpectedRevisionError || e instanceof StreamChangedError) return new AppError('CONFLICT', 'IDENTITY.CONCURRENT_CHANGE');
  if (e instanceof LoginThrottled) {
    const minutes = Math.ceil(e.retryAfterSeconds / 60);
    return new ExtendedAnswer(translate(e.reason, lang, { minutes }), {
      code: 'TOO_MANY_REQUESTS',
      reason: e.reason,
      retryAfterSeconds: e.retryAfterSeconds,
    });
  }
  if (e instanceof IdentityError) return new AppError(CODES.get(e.constructor) ?? 'BAD_USER_INPUT', e.reason, e.params);
  return e;
}

/** Ids are UUIDs: anything else is refused before it reaches a stream id or a query. */
export function assertUuid(value: string, field: string): void {
  if (!isUuid(value)) throw new InvalidInput({ [field]: 'IDENTITY.ID_INVALID' });
}

const CODES = new Map<unknown, ErrorCode>([
  [AlreadyRegistered, 'CONFLICT'],
  [InvalidCredentials, 'UNAUTHENTICATED'],
  [PersonNotFound, 'NOT_FOUND'],
  [RefreshTokenInvalid, 'UNAUTHENTICATED'],
  [RefreshTokenReused, 'UNAUTHENTICATED'],
  [SessionEnded, 'UNAUTHENTICATED'],
  [NotAllowed, 'FORBIDDEN'],
  [InvalidStaffRoles, 'BAD_USER_INPUT'],
  [InvitationInvalid, 'BAD_USER_INPUT'],
  [InvitationAlreadyAccepted, 'CONFLICT'],
  [NameTaken, 'CONFLICT'],
  [InvitationNotPending, 'CONFLICT'],
  [EmailTaken, 'CONFLICT'],
  [ClientCredentialsInvalid, 'UNAUTHENTICATED'],
  [AgencySystemNotFound, 'NOT_FOUND'],
  [PersonNotActive, 'CONFLICT'],
  [OidcClientNotFound, 'NOT_FOUND'],
  [OidcClientExists, 'CONFLICT'],
  [OidcCitizensOnly, 'FORBIDDEN'],
]);

/** Runs a resolver body, answering domain errors in SPEC.md's terms and the caller's language. */
export async function answering<T>(fn: () => Promise<T>, lang: Lang = 'id'): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toAppError(e, lang);
  }
}
