import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, personalDataAudit, recordPersonalDataRead, type Clock } from '@serang/platform';
import { complaintActions, type Complaint, type ComplaintAction, type ComplaintCaller } from '../domain/complaint.aggregate';
import { ComplaintStreams, type ComplaintUser } from './complaint-streams';
import { ComplaintVault } from './complaint-vault';

const AUDIT = personalDataAudit('requestaccess');

/** A complaint as one caller may see it: what they wrote or were answered, and what they may do now. */
export interface ComplaintView {
  complaint: Complaint;
  /** The caller is its complainant. */
  own: boolean;
  text: string | null;
  location: string | null;
  answer: string | null;
  reopenReason: string | null;
  actions: ComplaintAction[];
}

/**
 * Reads one complaint for a caller who may see it (NOT_FOUND for anyone else). Staff and platform
 * admins reading what the complainant wrote is on the audit trail (`PersonalDataAccessed`, purpose
 * COMPLAINT_READ) BEFORE anything is decrypted. The subject of that entry is the person for a named
 * complaint; for an anonymous one it is the complaint's pseudonym — an entry under the person's id
 * would tie them to the complaint — so such reads do not show in the person's own access log.
 */
@Injectable()
export class ComplaintReader {
  constructor(
    private readonly streams: ComplaintStreams,
    private readonly keys: ComplaintVault,
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(complaintId: string, user: ComplaintUser, traceparent?: string): Promise<ComplaintView> {
    const { complaint, caller } = await this.streams.visibleTo(user, complaintId);
    return this.view(complaint, caller, traceparent);
  }

  /** The view of a complaint just decided for this caller (its content is read again, audited as any read). */
  async afterAction(complaint: Complaint, user: ComplaintUser, traceparent?: string): Promise<ComplaintView> {
    return this.view(complaint, await this.streams.callerOf(user, complaint), traceparent);
  }

  private async view(complaint: Complaint, caller: ComplaintCaller, traceparent?: string): Promise<ComplaintView> {
    const now = this.clock.now();
    const own = !!caller.ownerDigest && caller.ownerDigest === complaint.ownerDigest;
    if (!own) {
      await recordPersonalDataRead(
        this.handler,
        AUDIT,
        { service: 'request', now, traceparent },
        {
          reader: caller.actor,
          subjectId: complaint.anonymous ? complaint.pseudonym : complaint.complainantId!,
          purpose: 'COMPLAINT_READ',
          fields: ['complaintText', ...(complaint.locationCiphertext ? ['complaintLocation'] : [])],
        },
      );
    }
    const [text, location, answer, reopenReason] = await Promise.all([
      this.keys.open(complaint.id, 'text', complaint.textCiphertext),
      this.keys.open(complaint.id, 'location', complaint.locationCiphertext),
      this.keys.open(complaint.id, 'answer', complaint.answerCiphertext),
      this.keys.open(complaint.id, 'reopen', complaint.reopenReasonCiphertext),
    ]);
    return { complaint, own, text, location, answer, reopenReason, actions: complaintActions(complaint, caller, now) };
  }
}
