import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, PG_POOL, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { Vault } from '@serang/vault';
import type { Application, ApplicationActor, ApplicationCommand, ResubmitApplication } from '../domain/application.decider';
import type { DocumentRef } from '../domain/application.events';
import { checkDocuments } from '../domain/document-requirements';
import { ApplicationNotFound, IdempotencyKeyReused, InputInvalid } from '../domain/request.errors';
import { findIdempotencyKey, onceForKey } from '../infra/submission.store';
import { ApplicationStreams } from './application-streams';
import { DocumentCatalog } from './document-catalog';
import { FormValidator } from './form-validator';
import { payloadHash } from './payload-hash';
import { formField, IDEMPOTENCY_KEY, parseForm } from './submit-application';
import { SUBMISSION_POLICY, type SubmissionPolicy } from './submission-policy';

type Resubmission = ResubmitApplication['data'];

/**
 * What an applicant does after submitting: answer a revision request with corrected form data
 * and documents (checked against the application's own service version, encrypted under their
 * key, and the SLA clock runs again), or cancel while nothing is final.
 */
@Injectable()
export class CitizenActions {
  constructor(
    private readonly streams: ApplicationStreams,
    private readonly forms: FormValidator,
    private readonly catalog: DocumentCatalog,
    private readonly vault: Vault,
    @Inject(SUBMISSION_POLICY) private readonly policy: SubmissionPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /**
   * With an idempotency key (as for submissions), a resend after a lost answer returns the
   * application instead of resubmitting again — even if the agency has since asked for another
   * revision; the same key with other data is a CONFLICT (as for submissions: onceForKey).
   */
  async resubmit(
    applicationId: string,
    input: { formData: string; documents: readonly DocumentRef[]; idempotencyKey?: string },
    actor: ApplicationActor,
    traceparent?: string,
  ): Promise<Application> {
    if (!input.idempotencyKey) return this.decideResubmission(applicationId, await this.prepare(applicationId, input, actor), actor, traceparent);
    if (!IDEMPOTENCY_KEY.test(input.idempotencyKey))
      throw new InputInvalid([
        { field: 'idempotencyKey', keyword: 'pattern', params: {}, message: 'must be 1–128 characters of A–Z a–z 0–9 . _ : + / = -' },
      ]);
    const scope = { callerId: actor.id, operation: 'resubmitApplication', key: input.idempotencyKey };
    const hash = payloadHash({ applicationId, formData: input.formData, documents: input.documents });
    const replay = async (first: { payloadHash: string }) => {
      if (first.payloadHash !== hash) throw new IdempotencyKeyReused();
      return this.own(applicationId, actor);
    };
    const earlier = await findIdempotencyKey(this.db, scope);
    if (earlier) return replay(earlier);
    // Before the key's transaction (onceForKey): everything that needs a pooled connection.
    const prepared = await this.prepare(applicationId, input, actor);
    return onceForKey(
      this.db,
      scope,
      { payloadHash: hash, applicationId },
      () => this.decideResubmission(applicationId, prepared, actor, traceparent),
      replay,
    );
  }

  /** Checks the corrected form and documents against the application's own version; seals the form. */
  private async prepare(
    applicationId: string,
    input: { formData: string; documents: readonly DocumentRef[] },
    actor: ApplicationActor,
  ): Promise<Resubmission> {
    const state = await this.own(applicationId, actor);
    const definition = await this.streams.definitionOf(state);
    const form = parseForm(input.formData, input.documents);
    const owned = await this.catalog.ownedBy(
      input.documents.map((d) => d.documentId),
      actor.id,
    );
    const issues = [...this.forms.validate(definition, form), ...checkDocuments(definition.requiredDocuments, input.documents, owned)];
    if (issues.length > 0) throw new InputInvalid(issues);
    const formCiphertext = await this.vault.encrypt(actor.id, formField(state.id), JSON.stringify(form));
    return { formCiphertext, documents: input.documents, workflow: definition.workflow, calendar: this.policy.calendar };
  }

  private decideResubmission(applicationId: string, data: Resubmission, actor: ApplicationActor, traceparent?: string): Promise<Application> {
    return this.streams.decide(
      applicationId,
      { type: 'ResubmitApplication', data, metadata: { now: this.clock.now(), actor, traceparent } },
      ownedBy(actor),
    );
  }

  async cancel(applicationId: string, actor: ApplicationActor, traceparent?: string): Promise<Application> {
    const metadata = { now: this.clock.now(), actor, traceparent };
    return this.streams.decide(
      applicationId,
      async (state): Promise<ApplicationCommand> => ({
        type: 'CancelApplication',
        data: { workflow: (await this.streams.definitionOf(state)).workflow },
        metadata,
      }),
      ownedBy(actor),
    );
  }

  private async own(applicationId: string, actor: ApplicationActor): Promise<Application> {
    const state = await this.streams.load(applicationId);
    ownedBy(actor)(state);
    return state;
  }
}

/** Someone else's application and no application answer alike. */
function ownedBy(actor: ApplicationActor): (state: Application) => void {
  return (state) => {
    if (state.applicantId !== actor.id) throw new ApplicationNotFound();
  };
}
