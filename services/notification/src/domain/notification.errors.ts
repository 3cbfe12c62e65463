import { DomainError } from '@serang/domain';

/* Notification's refusals, each with a stable reason and SPEC.md's code (answered by the platform's DomainErrorFilter). */

/** Someone else's notification answers exactly like a missing one: its existence is not revealed. */
export class NotificationNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'NOTIFICATION.NOT_FOUND';
  override readonly params: { id: string };
  constructor(id: string) {
    super(`notification ${id} not found`);
    this.params = { id };
  }
}

export class PageSizeOutOfRange extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'NOTIFICATION.PAGE_SIZE_OUT_OF_RANGE';
  override readonly params: { max: number };
  override readonly fields: Record<string, string>;
  constructor(field: string, max: number) {
    super(`${field} out of range`);
    this.params = { max };
    this.fields = { [field]: 'NOTIFICATION.LIMIT_OUT_OF_RANGE' };
  }
}

/** A cursor this service did not hand out (or one mangled on the way). */
export class CursorInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'NOTIFICATION.CURSOR_INVALID';
  override readonly fields = { after: 'NOTIFICATION.CURSOR_INVALID' };
  constructor() {
    super('cursor not readable');
  }
}

/** A message that is not parked (unknown, or already sent again): nothing to redrive. */
export class ParkedMessageNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'NOTIFICATION.PARKED_NOT_FOUND';
  override readonly params: { id: string };
  constructor(id: string) {
    super(`parked message ${id} not found`);
    this.params = { id };
  }
}

export class ParkedPageInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'NOTIFICATION.PARKED_INPUT_INVALID';
  override readonly params: { max: number };
  override readonly fields: Record<string, string>;
  constructor(field: string, max: number) {
    super(`${field} invalid`);
    this.params = { max };
    this.fields = { [field]: field === 'first' ? 'NOTIFICATION.LIMIT_OUT_OF_RANGE' : 'NOTIFICATION.PARKED_INPUT_INVALID' };
  }
}
