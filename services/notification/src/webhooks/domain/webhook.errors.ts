import { DomainError } from '@serang/domain';

/* The refusals of webhook subscriptions, each with a stable reason; answered by the platform's DomainErrorFilter. */

/** Unknown, malformed, or another agency's: its existence is not revealed. */
export class WebhookSubscriptionNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'WEBHOOK.NOT_FOUND';
  override readonly params: { id: string };
  constructor(id: string) {
    super(`webhook subscription ${id} not found`);
    this.params = { id };
  }
}

/** A URL the platform will not call (scheme, credentials, a private address). `problem` is the field's reason. */
export class WebhookUrlRefused extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'WEBHOOK.URL_REFUSED';
  override readonly fields: Record<string, string>;
  constructor(problem: string) {
    super(`webhook url refused: ${problem}`);
    this.fields = { url: problem };
  }
}

export class WebhookInputInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'WEBHOOK.INPUT_INVALID';
  override readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super(`webhook input invalid: ${Object.keys(fields).join(', ')}`);
    this.fields = fields;
  }
}

/** Only an agency admin of the subscription's agency manages it. */
export class WebhookForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly reason = 'WEBHOOK.FORBIDDEN';
  constructor() {
    super('not an admin of this agency');
  }
}

export class WebhookSubscriptionDisabledError extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'WEBHOOK.DISABLED';
  constructor() {
    super('subscription is disabled');
  }
}
