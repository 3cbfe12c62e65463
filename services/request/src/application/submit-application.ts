import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, load, type EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, PG_POOL, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@serang/platform';
import { firstTextProblem } from '@serang/text';
import { Vault } from '@serang/vault';
import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ApplicationAggregate, isSubmitted, type Application, type ApplicationActor, type ApplicationState } from '../domain/application.decider';
import type { DocumentRef } from '../domain/application.events';
import { checkDocuments } from '../domain/document-requirements';
import { IdempotencyKeyReused, InputInvalid, ServiceIsRetired, ServiceNotFound, type FieldIssue } from '../domain/request.errors';
import type { ServiceDefinition } from '../domain/service-definition';
import { newTrackingNumber, type TrackingNumber } from '../domain/tracking-number';
import { ServiceDefinitions } from '../infra/service-definitions.queries';
import { findIdempotencyKey, onceForKey, reserveTrackingNumber, type KeyScope } from '../infra/submission.store';
import { DocumentCatalog } from './document-catalog';
import { FormValidator } from './form-validator';
import { payloadHash } from './payload-hash';
import { countApplicationEvents, timeSubmission } from './request.metrics';
import { SUBMISSION_POLICY, type SubmissionPolicy } from './submission-policy';

export interface SubmitApplicationRequest {
  serviceId: string;
  /** The form's answers as JSON text. */
  formData: string;
  /** Uploaded documents (ids from POST /uploads), each for one of the service's requirements. */
  documents: readonly DocumentRef[];
  idempotencyKey: string;
}

const OPERATION = 'submitApplication';
const MAX_FORM_CHARS = 64_000;
const MAX_DOCUMENTS = 20;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:+/=-]{1,128}$/;
/** Document ids are opaque ids from POST /uploads: a narrow alphabet keeps anything else out of events. */
const DOCUMENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACKING_NUMBER_TRIES = 5;

/** The vault field a form is encrypted under: binds the ciphertext to its application. */
export const formField = (applicationId: string): string => `application:${applicationId}:form`;

/**
 * A citizen submits an application: load the service's latest published definition (request's
 * own copy), validate the form, encrypt it with the applicant's key, decide, append.
 *
 * Idempotency (SPEC.md "Rules"): the key row is inserted in a transaction that stays open until
 * the application's first append has completed, so concurrent resends wait on the key's unique
 * index and then find the first submission's application; if the append fails, the transaction
 * rolls back and the key is free again. Everything that needs another pooled connection (the
 * definition, the vault) happens before that transaction opens: resends blocked on the index
 * hold connections, and the transaction they wait for must never wait for one of them.
 */
@Injectable()
export class SubmitApplicationHandler {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(SUBMISSION_POLICY) private readonly policy: SubmissionPolicy,
    private readonly vault: Vault,
    private readonly definitions: ServiceDefinitions,
    private readonly forms: FormValidator,
    private readonly catalog: DocumentCatalog,
  ) {}

  async execute(request: SubmitApplicationRequest, actor: ApplicationActor, traceparent?: string): Promise<Application> {
    return timeSubmission(() => this.submit(request, actor, traceparent));
  }

  private async submit(request: SubmitApplicationRequest, actor: ApplicationActor, traceparent?: string): Promise<Application> {
    const form = checkInput(request);
    const scope: KeyScope = { callerId: actor.id, operation: OPERATION, key: request.idempotencyKey };
    const hash = payloadHash({ serviceId: request.serviceId, formData: form, documents: request.documents });
    const earlier = await findIdempotencyKey(this.db, scope);
    if (earlier) return this.replay(earlier.applicationId, earlier.payloadHash, hash);

    const definition = await this.definitions.latest(request.serviceId);
    if (!definition) throw new ServiceNotFound(request.serviceId);
    if (definition.retiredAt) throw new ServiceIsRetired(request.serviceId);
    const owned = await this.catalog.ownedBy(
      request.documents.map((d) => d.documentId),
      actor.id,
    );
    const issues = [...this.forms.validate(definition, form), ...checkDocuments(definition.requiredDocuments, request.documents, owned)];
    if (issues.length > 0) throw new InputInvalid(issues);

    const now = this.clock.now();
    const applicationId = uuidv7();
    const formCiphertext = await this.vault.encrypt(actor.id, formField(applicationId), JSON.stringify(form));

    return onceForKey(
      this.db,
      scope,
      { payloadHash: hash, applicationId },
      (tx) => this.appendNew(tx, now, actor, traceparent, { applicationId, formCiphertext, definition, documents: request.documents }),
      // Another submission with this key committed first (we waited for it on the index).
      (first) => this.replay(first.applicationId, first.payloadHash, hash),
    );
  }

  /** Reserves the tracking number, decides and appends, in the key's transaction. */
  private async appendNew(
    tx: PoolClient,
    now: Date,
    actor: ApplicationActor,
    traceparent: string | undefined,
    a: { applicationId: string; formCiphertext: string; definition: ServiceDefinition; documents: readonly DocumentRef[] },
  ): Promise<Application> {
    const trackingNumber = await this.reserveTrackingNumber(tx, a.applicationId, now);
    const { state, events } = await this.handler.handle(
      ApplicationAggregate,
      a.applicationId,
      {
        type: 'SubmitApplication',
        data: {
          applicationId: a.applicationId,
          trackingNumber,
          service: a.definition,
          formCiphertext: a.formCiphertext,
          documents: a.documents,
          calendar: this.policy.calendar,
        },
        metadata: { now, actor, traceparent },
      },
      { creating: true },
    );
    countApplicationEvents({ agencyId: a.definition.agencyId, serviceId: a.definition.serviceId }, events);
    return asApplication(state);
  }

  /** A resend: the first submission's application, if the payload is the same one. */
  private async replay(applicationId: string, firstHash: string, hash: string): Promise<Application> {
    if (firstHash !== hash) throw new IdempotencyKeyReused();
    return asApplication((await load(this.store, ApplicationAggregate, applicationId)).state);
  }

  private async reserveTrackingNumber(tx: PoolClient, applicationId: string, now: Date): Promise<TrackingNumber> {
    for (let i = 0; i < TRACKING_NUMBER_TRIES; i++) {
      const candidate = newTrackingNumber(this.policy.trackingPrefix, now, randomBytes(6));
      if (await reserveTrackingNumber(tx, candidate, applicationId)) return candidate;
    }
    throw new Error(`no free tracking number after ${TRACKING_NUMBER_TRIES} tries`);
  }
}

/** Sizes and shapes before anything else; returns the parsed form. */
function checkInput(r: SubmitApplicationRequest): unknown {
  const keyIssue: FieldIssue[] = IDEMPOTENCY_KEY.test(r.idempotencyKey)
    ? []
    : [{ field: 'idempotencyKey', keyword: 'pattern', params: {}, message: 'must be 1–128 characters of A–Z a–z 0–9 . _ : + / = -' }];
  return parseForm(r.formData, r.documents, keyIssue);
}

/** The form's JSON and the document references, checked for size and shape (submission and resubmission alike). */
export function parseForm(formData: string, documents: readonly DocumentRef[], issues: FieldIssue[] = []): unknown {
  if (documents.length > MAX_DOCUMENTS)
    issues.push({ field: 'documents', keyword: 'tooMany', params: { limit: MAX_DOCUMENTS }, message: `at most ${MAX_DOCUMENTS} documents` });
  else {
    for (const [i, d] of documents.entries()) {
      if (!DOCUMENT_ID.test(d.documentId) || !/^[A-Z][A-Z0-9_-]{0,39}$/.test(d.requirement))
        issues.push({ field: `documents.${i}`, keyword: 'pattern', params: {}, message: 'not a document reference' });
    }
  }
  let form: unknown;
  if (formData.length > MAX_FORM_CHARS)
    issues.push({ field: 'formData', keyword: 'tooLarge', params: { limit: MAX_FORM_CHARS }, message: `at most ${MAX_FORM_CHARS} characters` });
  else {
    try {
      form = JSON.parse(formData);
    } catch {
      issues.push({ field: 'formData', keyword: 'json', params: {}, message: 'not valid JSON' });
    }
    // "\u0000" inside the JSON text passes the GraphQL boundary as six characters: checked again parsed.
    const bad = form === undefined ? undefined : firstTextProblem(form);
    if (bad)
      issues.push({
        field: bad[0] ? `formData.${bad[0]}` : 'formData',
        keyword: 'text',
        params: {},
        message: bad[1] === 'TEXT.INVALID_UNICODE' ? 'broken Unicode characters' : 'control characters',
      });
  }
  if (issues.length > 0) throw new InputInvalid(issues);
  return form;
}

function asApplication(state: ApplicationState): Application {
  if (!isSubmitted(state)) throw new Error('application stream is empty');
  return state;
}
