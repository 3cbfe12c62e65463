import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, personalDataAudit, recordPersonalDataRead, type Clock } from '@serang/platform';
import { laporReferralRefusal, type Complaint } from '../domain/complaint.aggregate';
import { LaporNotConfigured } from '../domain/complaint.errors';
import { ComplaintStreams, type ComplaintUser } from './complaint-streams';
import { ComplaintVault } from './complaint-vault';
import { LAPOR_GATEWAY, type LaporGateway } from './lapor.port';

const AUDIT = personalDataAudit('requestaccess');

/**
 * A platform admin refers a complaint to SP4N-LAPOR!: asked of the decider first (so nothing it
 * would refuse is sent), the complainant's words are read (audited: they leave the platform), the
 * national system is called with the complaint id as idempotency key, and its receipt decided
 * and appended. A race between two admins sends once to LAPOR (same key) and records once.
 */
@Injectable()
export class ReferToLaporHandler {
  constructor(
    private readonly streams: ComplaintStreams,
    private readonly keys: ComplaintVault,
    private readonly handler: CommandHandler,
    @Inject(LAPOR_GATEWAY) private readonly lapor: LaporGateway | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(complaintId: string, user: ComplaintUser, traceparent?: string): Promise<Complaint> {
    const { complaint, caller } = await this.streams.visibleTo(user, complaintId);
    const refused = laporReferralRefusal(complaint, caller.actor);
    if (refused) throw refused;
    if (!this.lapor) throw new LaporNotConfigured();
    const now = this.clock.now();
    await recordPersonalDataRead(
      this.handler,
      AUDIT,
      { service: 'request', now, traceparent },
      {
        reader: caller.actor,
        subjectId: complaint.anonymous ? complaint.pseudonym : complaint.complainantId!,
        purpose: 'COMPLAINT_REFER_LAPOR',
        fields: ['complaintText', ...(complaint.locationCiphertext ? ['complaintLocation'] : [])],
      },
    );
    const receipt = await this.lapor.submit({
      externalId: complaint.id,
      categoryCode: complaint.categoryCode,
      text: (await this.keys.open(complaint.id, 'text', complaint.textCiphertext)) ?? '',
      location: await this.keys.open(complaint.id, 'location', complaint.locationCiphertext),
      anonymous: complaint.anonymous,
      confidential: complaint.confidential,
      agencyId: complaint.agencyId,
      filedAt: complaint.filedAt,
    });
    return this.streams.decide(complaintId, {
      type: 'ReferToLapor',
      data: { laporId: receipt.laporId, laporTrackingId: receipt.trackingId },
      metadata: { now, actor: caller.actor, traceparent },
    });
  }
}
