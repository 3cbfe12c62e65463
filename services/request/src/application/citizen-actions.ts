import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import { Vault } from '@serang/vault';
import { decide, type Application, type ApplicationActor } from '../domain/application.decider';
import type { DocumentRef } from '../domain/application.events';
import { checkDocuments } from '../domain/document-requirements';
import { ApplicationNotFound, InputInvalid } from '../domain/request.errors';
import { ApplicationStreams } from './application-streams';
import { DocumentCatalog } from './document-catalog';
import { FormValidator } from './form-validator';
import { formField, parseForm } from './submit-application';
import { SUBMISSION_POLICY, type SubmissionPolicy } from './submission-policy';

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
  ) {}

  async resubmit(applicationId: string, input: { formData: string; documents: readonly DocumentRef[] }, actor: ApplicationActor, traceparent?: string): Promise<Application> {
    const state = await this.own(applicationId, actor);
    const definition = await this.streams.definitionOf(state);
    const form = parseForm(input.formData, input.documents);
    const owned = await this.catalog.ownedBy(input.documents.map((d) => d.documentId), actor.id);
    const issues = [...this.forms.validate(definition, form), ...checkDocuments(definition.requiredDocuments, input.documents, owned)];
    if (issues.length > 0) throw new InputInvalid(issues);
    const now = this.clock.now();
    const formCiphertext = await this.vault.encrypt(actor.id, formField(state.id), JSON.stringify(form));
    const events = decide({ type: 'ResubmitApplication', data: { formCiphertext, documents: input.documents, workflow: definition.workflow, calendar: this.policy.calendar }, metadata: { now, actor } }, state);
    return this.streams.append(state, events, { now, actor, traceparent });
  }

  async cancel(applicationId: string, actor: ApplicationActor, traceparent?: string): Promise<Application> {
    const state = await this.own(applicationId, actor);
    const { workflow } = await this.streams.definitionOf(state);
    const now = this.clock.now();
    return this.streams.append(state, decide({ type: 'CancelApplication', data: { workflow }, metadata: { now, actor } }, state), { now, actor, traceparent });
  }

  /** Someone else's application and no application answer alike. */
  private async own(applicationId: string, actor: ApplicationActor): Promise<Application> {
    const state = await this.streams.load(applicationId);
    if (state.applicantId !== actor.id) throw new ApplicationNotFound();
    return state;
  }
}
