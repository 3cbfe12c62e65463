/** The person's keys were destroyed (crypto-shredding): their data is gone for good. */
export class PersonDataErasedError extends Error {
  readonly reason = 'VAULT.PERSON_ERASED';
  constructor(readonly personId: string) {
    super(`personal data of ${personId} was erased`);
    this.name = 'PersonDataErasedError';
  }
}

/** The value is not a vault ciphertext, or it was tampered with, or it belongs to someone else. */
export class CiphertextInvalidError extends Error {
  readonly reason = 'VAULT.CIPHERTEXT_INVALID';
  constructor(readonly personId: string) {
    super(`ciphertext for ${personId} cannot be opened`);
    this.name = 'CiphertextInvalidError';
  }
}
