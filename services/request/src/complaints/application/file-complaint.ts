import { Inject, Injectable } from '@nestjs/common';
import type { FieldProblem } from '@serang/domain';
import { CommandHandler, load, type EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, PG_POOL, type Clock } from '@serang/platform';
import { firstTextProblem } from '@serang/text';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { DocumentCatalog } from '../../application/document-catalog';
import { payloadHash } from '../../application/payload-hash';
import { IDEMPOTENCY_KEY } from '../../application/submit-application';
import { SUBMISSION_POLICY, type SubmissionPolicy } from '../../application/submission-policy';
import { ApplicationAggregate, isSubmitted } from '../../domain/application.decider';
import { findIdempotencyKey, onceForKey, type KeyScope } from '../../infra/submission.store';
import { ComplaintAggregate, isFiled, type Complaint } from '../domain/complaint.aggregate';
import { ComplaintCategoryUnknown, ComplaintInputInvalid, ComplaintKeyReused } from '../domain/complaint.errors';
import { ComplaintQueries } from '../infra/complaint.queries';
import { ComplaintStreams } from './complaint-streams';
import { ComplaintVault } from './complaint-vault';

export interface FileComplaintRequest {
  categoryCode: string;
  text: string;
  location?: string;
  attachmentIds: readonly string[];
  applicationId?: string;
  /** Undefined: "I don't know which agency". */
  agencyId?: string;
  anonymous: boolean;
  confidential: boolean;
  idempotencyKey: string;
}

const OPERATION = 'fileComplaint';
export const TEXT_MAX = 4000;
const LOCATION_MAX = 300;
const ATTACHMENTS_MAX = 5;
export const AGENCY_ID = /^[a-z][a-z0-9-]{1,39}$/;
const PSEUDONYM_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh pseudonym: what officers and events call an anonymous complainant, unlinkable to anything else. */
function newPseudonym(): string {
  return `pelapor-${[...randomBytes(10)].map((b) => PSEUDONYM_ALPHABET[b % PSEUDONYM_ALPHABET.length]).join('')}`;
}

/**
 * A citizen files a complaint: check the input, the category (its SLA), the attachments (their own
 * uploads) and the application (their own; never for an anonymous complaint — the decider refuses),
 * seal everything they wrote under the complaint's key, decide, append — once per idempotency key.
 * Who filed it is recorded in `complaint_owners` in the key's transaction, and in events only as a
 * ciphertext (for platform admins' abuse handling) and a keyed digest.
 */
@Injectable()
export class FileComplaintHandler {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: CommandHandler,
    private readonly streams: ComplaintStreams,
    private readonly keys: ComplaintVault,
    private readonly queries: ComplaintQueries,
    private readonly documents: DocumentCatalog,
    @Inject(SUBMISSION_POLICY) private readonly policy: SubmissionPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(request: FileComplaintRequest, personId: string, traceparent?: string): Promise<Complaint> {
    const input = checkInput(request);
    const scope: KeyScope = { callerId: personId, operation: OPERATION, key: request.idempotencyKey };
    const hash = payloadHash({ ...input, idempotencyKey: undefined });
    const replay = async (first: { payloadHash: string; applicationId: string }) => {
      if (first.payloadHash !== hash) throw new ComplaintKeyReused();
      return this.streams.load(first.applicationId);
    };
    const earlier = await findIdempotencyKey(this.db, scope);
    if (earlier) return replay(earlier);

    const category = await this.queries.category(input.categoryCode);
    if (!category || !category.active) throw new ComplaintCategoryUnknown(input.categoryCode);
    const owned = await this.documents.ownedBy(input.attachmentIds, personId);
    const missing = input.attachmentIds.filter((id) => !owned.some((d) => d.id === id));
    if (missing.length) throw new ComplaintInputInvalid({ attachmentIds: 'COMPLAINT.ATTACHMENT_UNKNOWN' });
    const applicationAgency = input.applicationId ? await this.ownApplicationAgency(input.applicationId, personId) : null;
    if (input.applicationId && !applicationAgency) throw new ComplaintInputInvalid({ applicationId: 'COMPLAINT.APPLICATION_UNKNOWN' });

    // Everything that needs a pooled connection happens before the key's transaction (onceForKey).
    const complaintId = uuidv7();
    const now = this.clock.now();
    const pseudonym = newPseudonym();
    const [complainantCiphertext, ownerDigest, textCiphertext, locationCiphertext] = await Promise.all([
      this.keys.seal(complaintId, 'complainant', personId),
      this.keys.ownerDigest(personId, complaintId),
      this.keys.seal(complaintId, 'text', input.text),
      input.location ? this.keys.seal(complaintId, 'location', input.location) : Promise.resolve(null),
    ]);
    return onceForKey(
      this.db,
      scope,
      { payloadHash: hash, applicationId: complaintId },
      async (tx) => {
        const { state } = await this.handler.handle(
          ComplaintAggregate,
          complaintId,
          {
            type: 'FileComplaint',
            data: {
              complaintId,
              pseudonym,
              category: { code: category.code, slaWorkingDays: category.sla_working_days },
              agencyId: input.agencyId ?? null,
              anonymous: input.anonymous,
              confidential: input.confidential,
              complainantId: personId,
              complainantCiphertext,
              ownerDigest,
              textCiphertext,
              locationCiphertext,
              attachmentIds: input.attachmentIds,
              application: input.applicationId && applicationAgency ? { id: input.applicationId, agencyId: applicationAgency } : null,
              calendar: this.policy.calendar,
            },
            // An anonymous complainant acts under the complaint's pseudonym, also in the envelope.
            metadata: { now, actor: { id: input.anonymous ? pseudonym : personId, role: 'CITIZEN' }, traceparent },
          },
          { creating: true, beforeAppend: () => this.queries.recordOwner(tx, complaintId, personId, now) },
        );
        if (!isFiled(state)) throw new Error('complaint stream is empty after filing');
        return state;
      },
      replay,
    );
  }

  /** The agency of one of the citizen's own applications (null: none such), from its stream: one just submitted counts. */
  private async ownApplicationAgency(applicationId: string, personId: string): Promise<string | null> {
    const { state } = await load(this.store, ApplicationAggregate, applicationId);
    return isSubmitted(state) && state.applicantId === personId ? state.agencyId : null;
  }
}

type CheckedInput = Omit<FileComplaintRequest, 'idempotencyKey' | 'text' | 'location'> & { text: string; location?: string };

/** Sizes and shapes, every problem at once. */
function checkInput(r: FileComplaintRequest): CheckedInput {
  const fields: Record<string, FieldProblem> = {};
  const text = r.text.trim();
  const location = r.location?.trim() || undefined;
  if (!IDEMPOTENCY_KEY.test(r.idempotencyKey)) fields.idempotencyKey = 'COMPLAINT.IDEMPOTENCY_KEY_INVALID';
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(r.categoryCode)) fields.categoryCode = 'COMPLAINT.CATEGORY_UNKNOWN';
  if (!text) fields.text = 'COMPLAINT.TEXT_REQUIRED';
  else if (text.length > TEXT_MAX) fields.text = { key: 'COMPLAINT.TOO_LONG', params: { limit: TEXT_MAX } };
  else if (firstTextProblem(text)) fields.text = firstTextProblem(text)![1];
  if (location && location.length > LOCATION_MAX) fields.location = { key: 'COMPLAINT.TOO_LONG', params: { limit: LOCATION_MAX } };
  else if (location && firstTextProblem(location)) fields.location = firstTextProblem(location)![1];
  if (r.attachmentIds.length > ATTACHMENTS_MAX) fields.attachmentIds = { key: 'COMPLAINT.TOO_MANY_ATTACHMENTS', params: { limit: ATTACHMENTS_MAX } };
  else if (r.attachmentIds.some((id) => !isUuid(id))) fields.attachmentIds = 'COMPLAINT.ATTACHMENT_UNKNOWN';
  if (r.applicationId !== undefined && !isUuid(r.applicationId)) fields.applicationId = 'COMPLAINT.APPLICATION_UNKNOWN';
  if (r.agencyId !== undefined && !AGENCY_ID.test(r.agencyId)) fields.agencyId = 'COMPLAINT.AGENCY_UNKNOWN';
  if (Object.keys(fields).length) throw new ComplaintInputInvalid(fields);
  return {
    categoryCode: r.categoryCode,
    text,
    location,
    attachmentIds: [...new Set(r.attachmentIds)],
    applicationId: r.applicationId,
    agencyId: r.agencyId,
    anonymous: r.anonymous,
    confidential: r.confidential,
  };
}
