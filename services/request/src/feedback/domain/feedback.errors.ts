import { DomainError } from '@serang/domain';

/* Feedback's refusals, each with a stable reason and SPEC.md's code (answered by the platform's DomainErrorFilter). */

/** No such feedback, or an application that is not the caller's (which must look the same as none). */
export class FeedbackNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'FEEDBACK.NOT_FOUND';
  constructor() {
    super('feedback or application not found');
  }
}

/** The survey is for finished applications only (completed or rejected; not cancelled, not running). */
export class ApplicationNotFinished extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'FEEDBACK.APPLICATION_NOT_FINISHED';
  constructor() {
    super('the survey opens when the application is completed or rejected');
  }
}

/** Each application's survey is answered once. */
export class SurveyAlreadyAnswered extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'FEEDBACK.ALREADY_ANSWERED';
  constructor() {
    super('the survey of this application was already answered');
  }
}

/** Only citizens answer surveys and give comments (staff read them). */
export class FeedbackForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly reason = 'FEEDBACK.FORBIDDEN';
  constructor() {
    super('only citizens give feedback');
  }
}

/** Bad scores, profile, text or target: one problem per field. */
export class FeedbackInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'FEEDBACK.INPUT_INVALID';
  override readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super(`invalid feedback: ${Object.keys(fields).join(', ')}`);
    this.fields = fields;
  }
}

/** The same idempotency key (hence the same feedback id) was used for another target or text. */
export class FeedbackIdReused extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'FEEDBACK.IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('idempotency key reused with another payload');
  }
}
