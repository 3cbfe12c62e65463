import { Inject, Injectable } from '@nestjs/common';
import type { FieldProblem } from '@serang/domain';
import { CLOCK, type Clock } from '@serang/platform';
import { firstTextProblem } from '@serang/text';
import { SUBMISSION_POLICY, type SubmissionPolicy } from '../../application/submission-policy';
import type { Complaint, ComplaintAction, ComplaintCommand } from '../domain/complaint.aggregate';
import { ComplaintActionNotAvailable, ComplaintInputInvalid } from '../domain/complaint.errors';
import { ComplaintStreams, type ComplaintUser } from './complaint-streams';
import { ComplaintVault } from './complaint-vault';
import { AGENCY_ID, TEXT_MAX } from './file-complaint';

export interface ComplaintActionRequest {
  action: string;
  /** The version the caller saw: acting on an older one is a CONFLICT. */
  expectedVersion: number;
  /** VERIFY: the agency triage routes it to; FORWARD: the agency it goes on to. */
  agencyId?: string;
  /** ANSWER: the answer; REOPEN: why (optional); FORWARD: why (about the routing, optional). */
  text?: string;
}

const REASON_MAX = 500;

/**
 * Everyone's actions on a filed complaint: platform admins' triage, agencies' work, the
 * complainant's reopening or closing. Builds the command from the loaded complaint (the caller's
 * pseudonym and digest depend on it), seals what is personal under the complaint's key, and leaves
 * every rule to the decider.
 */
@Injectable()
export class ComplaintActions {
  constructor(
    private readonly streams: ComplaintStreams,
    private readonly keys: ComplaintVault,
    @Inject(SUBMISSION_POLICY) private readonly policy: SubmissionPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(complaintId: string, request: ComplaintActionRequest, user: ComplaintUser, traceparent?: string): Promise<Complaint> {
    const action = request.action as ComplaintAction;
    const text = checkText(action, request.text);
    if (request.agencyId !== undefined && !AGENCY_ID.test(request.agencyId))
      throw new ComplaintInputInvalid({ agencyId: 'COMPLAINT.AGENCY_UNKNOWN' });
    const now = this.clock.now();
    return this.streams.decide(complaintId, async (state): Promise<ComplaintCommand> => {
      const caller = await this.streams.callerOf(user, state);
      const metadata = { now, actor: caller.actor, traceparent };
      const base = { expectedVersion: request.expectedVersion, ownerDigest: caller.ownerDigest };
      const seal = (field: string) => (text ? this.keys.seal(state.id, field, text) : Promise.resolve(''));
      switch (action) {
        case 'VERIFY':
          return { type: 'VerifyComplaint', data: { ...base, agencyId: request.agencyId ?? null }, metadata };
        case 'FORWARD':
          // Staff write the routing reason for other staff: it must speak of the routing, not the person.
          return { type: 'ForwardComplaint', data: { ...base, toAgencyId: request.agencyId ?? null, reason: text ?? '' }, metadata };
        case 'TAKE_UP':
          return { type: 'TakeUpComplaint', data: base, metadata };
        case 'ANSWER':
          return { type: 'AnswerComplaint', data: { ...base, answerCiphertext: await seal('answer') }, metadata };
        case 'REOPEN':
          return { type: 'ReopenComplaint', data: { ...base, reasonCiphertext: await seal('reopen'), calendar: this.policy.calendar }, metadata };
        case 'CLOSE':
          return { type: 'CloseComplaint', data: base, metadata };
        default:
          throw new ComplaintActionNotAvailable(request.action, state.status);
      }
    });
  }
}

function checkText(action: ComplaintAction, raw: string | undefined): string | undefined {
  const text = raw?.trim() || undefined;
  if (!text) return undefined;
  const limit = action === 'ANSWER' ? TEXT_MAX : REASON_MAX;
  const fields: Record<string, FieldProblem> = {};
  if (text.length > limit) fields.text = { key: 'COMPLAINT.TOO_LONG', params: { limit } };
  else if (firstTextProblem(text)) fields.text = firstTextProblem(text)![1];
  if (Object.keys(fields).length) throw new ComplaintInputInvalid(fields);
  return text;
}
