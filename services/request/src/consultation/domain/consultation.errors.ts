import { DomainError } from '@serang/domain';

/* Consultation's refusals, each with a stable reason and SPEC.md's code (answered by the platform's DomainErrorFilter). */

/** No such thread — or not the caller's (another citizen's, another agency's), which must look the same. */
export class ConsultationNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'CONSULTATION.NOT_FOUND';
  constructor() {
    super('consultation not found');
  }
}

/** Citizens open threads; agency systems and platform admins take no part in them. */
export class ConsultationForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly reason = 'CONSULTATION.FORBIDDEN';
  constructor() {
    super('not a party to consultations');
  }
}

/** A thread id that already names another thread (a resend of an open names the same agency and citizen). */
export class ConsultationExists extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'CONSULTATION.ALREADY_EXISTS';
  constructor() {
    super('a consultation with this id exists');
  }
}

export class ConsultationClosed extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'CONSULTATION.CLOSED';
  constructor() {
    super('the consultation is closed');
  }
}

/** An officer answers a thread they claimed (agency admins answer any thread of their agency). */
export class ConsultationNotClaimed extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'CONSULTATION.NOT_CLAIMED';
  constructor() {
    super('claim the consultation first');
  }
}

export class ConsultationClaimedByAnother extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'CONSULTATION.CLAIMED_BY_ANOTHER';
  constructor() {
    super('another officer claimed the consultation');
  }
}

/** The message id was used in this thread for another message. */
export class MessageIdReused extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'CONSULTATION.MESSAGE_ID_REUSED';
  constructor() {
    super('message id reused for another message');
  }
}

export class ConsultationInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'CONSULTATION.INPUT_INVALID';
  override readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super(`invalid consultation input: ${Object.keys(fields).join(', ')}`);
    this.fields = fields;
  }
}
