import { RequestError } from './request.errors';

/** The officer acted on a version they no longer see: someone else acted first. Nothing was retried for them. */
export class VersionConflict extends RequestError {
  readonly reason = 'APPLICATION.VERSION_CONFLICT';
  readonly code = 'CONFLICT';
  override readonly params: { expected: number; actual: number };
  constructor(expected: number, actual: number) {
    super(`expected version ${expected}, the application is at ${actual}`);
    this.params = { expected, actual };
  }
}

/** The workflow has no such action out of the application's current status. */
export class ActionNotAvailable extends RequestError {
  readonly reason = 'APPLICATION.ACTION_NOT_AVAILABLE';
  readonly code = 'CONFLICT';
  override readonly params: { action: string; status: string };
  constructor(action: string, status: string) {
    super(`action ${action} is not available in status ${status}`);
    this.params = { action, status };
  }
}

/** The action exists here, but the workflow does not give it to the caller's role. */
export class ActionForbidden extends RequestError {
  readonly reason = 'APPLICATION.ACTION_FORBIDDEN';
  readonly code = 'FORBIDDEN';
  override readonly params: { action: string };
  constructor(action: string) {
    super(`this role may not take action ${action}`);
    this.params = { action };
  }
}

/** An officer must claim an application before acting on it. */
export class NotClaimed extends RequestError {
  readonly reason = 'APPLICATION.NOT_CLAIMED';
  readonly code = 'CONFLICT';
  constructor() {
    super('claim the application first');
  }
}

/** Another officer holds the claim (an agency admin may take it over). */
export class ClaimedByAnother extends RequestError {
  readonly reason = 'APPLICATION.CLAIMED_BY_ANOTHER';
  readonly code = 'CONFLICT';
  constructor() {
    super('another officer has claimed this application');
  }
}

/** Final (completed, rejected or cancelled): nothing more happens to it. */
export class ApplicationClosed extends RequestError {
  readonly reason = 'APPLICATION.CLOSED';
  readonly code = 'CONFLICT';
  constructor() {
    super('the application is closed');
  }
}

export class NotCancellable extends RequestError {
  readonly reason = 'APPLICATION.NOT_CANCELLABLE';
  readonly code = 'CONFLICT';
  constructor() {
    super('the application can no longer be cancelled');
  }
}

/** resubmitApplication outside a state that waits on the citizen. */
export class NotAwaitingCitizen extends RequestError {
  readonly reason = 'APPLICATION.NOT_AWAITING_CITIZEN';
  readonly code = 'CONFLICT';
  constructor() {
    super('the application is not waiting for a revision');
  }
}

/** While the application waits on the citizen, officers have nothing to claim. */
export class AwaitingCitizen extends RequestError {
  readonly reason = 'APPLICATION.AWAITING_CITIZEN';
  readonly code = 'CONFLICT';
  constructor() {
    super('the application is waiting on the citizen');
  }
}
