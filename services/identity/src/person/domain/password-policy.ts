/** Why a password is refused: a message key of identity's catalogue. */
export type PasswordProblem = 'IDENTITY.PASSWORD_WEAK' | 'IDENTITY.PASSWORD_TOO_LONG';

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase; the cap keeps one login from costing more than another. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The minimum strength policy: at least 10 characters with letters and digits (any script's
 * letters count, so Indonesian and English passphrases both pass). Returns the problem, if any.
 */
export function checkPassword(password: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length > PASSWORD_MAX_LENGTH) return 'IDENTITY.PASSWORD_TOO_LONG';
  if (length < PASSWORD_MIN_LENGTH || !/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return 'IDENTITY.PASSWORD_WEAK';
  return undefined;
}
