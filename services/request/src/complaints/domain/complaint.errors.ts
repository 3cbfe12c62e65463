import { DomainError, type FieldProblem } from '@serang/domain';

/* Complaints' refusals, each with a stable reason and SPEC.md's code (answered by the platform's DomainErrorFilter). */

/** No such complaint — or not one the caller may see, which must look exactly the same. */
export class ComplaintNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'COMPLAINT.NOT_FOUND';
  constructor() {
    super('complaint not found');
  }
}

/** The complaint id already has a history: a file command only starts a new stream. */
export class ComplaintAlreadyFiled extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.ALREADY_FILED';
  constructor() {
    super('complaint already filed');
  }
}

/** The input breaks the rules: one problem per field. */
export class ComplaintInputInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'COMPLAINT.INPUT_INVALID';
  constructor(override readonly fields: Record<string, FieldProblem>) {
    super(`invalid complaint input: ${Object.keys(fields).join(', ')}`);
  }
}

/** An anonymous complaint cannot point at an application: the application names its applicant. */
export class AnonymousCannotReferenceApplication extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'COMPLAINT.ANONYMOUS_WITH_APPLICATION';
  override readonly fields = { applicationId: 'COMPLAINT.ANONYMOUS_WITH_APPLICATION' };
  constructor() {
    super('an anonymous complaint cannot reference an application');
  }
}

/** The action exists, but not from the complaint's current status. */
export class ComplaintActionNotAvailable extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.ACTION_NOT_AVAILABLE';
  override readonly params: { action: string; status: string };
  constructor(action: string, status: string) {
    super(`action ${action} is not available in status ${status}`);
    this.params = { action, status };
  }
}

/** The caller may see the complaint but this action is not theirs to take. */
export class ComplaintActionForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly reason = 'COMPLAINT.ACTION_FORBIDDEN';
  override readonly params: { action: string };
  constructor(action: string) {
    super(`this caller may not take action ${action}`);
    this.params = { action };
  }
}

/** The caller acted on a version they no longer see: someone else acted first. */
export class ComplaintVersionConflict extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.VERSION_CONFLICT';
  override readonly params: { expected: number; actual: number };
  constructor(expected: number, actual: number) {
    super(`expected version ${expected}, the complaint is at ${actual}`);
    this.params = { expected, actual };
  }
}

/** Another officer has taken it up (an agency admin may still act). */
export class ComplaintHeldByAnother extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.HELD_BY_ANOTHER';
  constructor() {
    super('another officer has taken up this complaint');
  }
}

/** Reopening is once, and within 14 days of the answer. */
export class ReopenNotAllowed extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.REOPEN_NOT_ALLOWED';
  override readonly params: { days: number };
  constructor(
    readonly why: 'ALREADY_REOPENED' | 'WINDOW_PASSED',
    days: number,
  ) {
    super(why === 'ALREADY_REOPENED' ? 'the complaint was reopened once already' : `more than ${days} days since the answer`);
    this.params = { days };
  }
}

/** No such complaint category (or one platform admins turned off). */
export class ComplaintCategoryUnknown extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'COMPLAINT.CATEGORY_UNKNOWN';
  override readonly params: { code: string };
  override readonly fields = { categoryCode: 'COMPLAINT.CATEGORY_UNKNOWN' };
  constructor(code: string) {
    super(`complaint category ${code} is unknown`);
    this.params = { code };
  }
}

/** The idempotency key was used before by this caller for another complaint. */
export class ComplaintKeyReused extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'REQUEST.IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('idempotency key reused with another payload');
  }
}

/** Referral to SP4N-LAPOR!: only platform admins, once, and only a verified complaint. */
export class LaporReferralNotAllowed extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.LAPOR_REFERRAL_NOT_ALLOWED';
  constructor(readonly why: 'NOT_VERIFIED' | 'ALREADY_REFERRED') {
    super(why === 'NOT_VERIFIED' ? 'verify the complaint before referring it' : 'the complaint was referred already');
  }
}

/** No SP4N-LAPOR! connection is configured in this deployment. */
export class LaporNotConfigured extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.LAPOR_NOT_CONFIGURED';
  constructor() {
    super('SP4N-LAPOR! is not configured');
  }
}

/** SP4N-LAPOR! refused the report (a 4xx answer): sending it again changes nothing. */
export class LaporRejected extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.LAPOR_REJECTED';
  override readonly params: { status: number };
  constructor(status: number) {
    super(`SP4N-LAPOR! answered ${status}`);
    this.params = { status };
  }
}

/** SP4N-LAPOR! could not be reached or failed (5xx, 408, 429, timeout): nothing was recorded; try again later. */
export class LaporUnavailable extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'COMPLAINT.LAPOR_UNAVAILABLE';
  constructor(detail: string) {
    super(`SP4N-LAPOR! unavailable: ${detail}`);
  }
}
