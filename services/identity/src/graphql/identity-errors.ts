import { AppError, type ErrorCode } from '@serang/platform';
import { PersonDataErasedError } from '@serang/vault';
import { AlreadyRegistered, IdentityError, InvalidCredentials, InvalidInput, PersonNotFound } from '../domain/identity.errors';

/** The one mapping from identity's domain errors to SPEC.md's codes; anything else passes through. */
export function toAppError(e: unknown): unknown {
  if (e instanceof InvalidInput) return new AppError('BAD_USER_INPUT', e.reason, {}, e.fields);
  if (e instanceof PersonDataErasedError) return new AppError('NOT_FOUND', 'IDENTITY.PERSON_NOT_FOUND');
  if (e instanceof IdentityError) return new AppError(CODES.get(e.constructor) ?? 'BAD_USER_INPUT', e.reason);
  return e;
}

const CODES = new Map<unknown, ErrorCode>([
  [AlreadyRegistered, 'CONFLICT'],
  [InvalidCredentials, 'UNAUTHENTICATED'],
  [PersonNotFound, 'NOT_FOUND'],
]);

/** Runs a resolver body, answering domain errors in SPEC.md's terms. */
export async function answering<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toAppError(e);
  }
}
