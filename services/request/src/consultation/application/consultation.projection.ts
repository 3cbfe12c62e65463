import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type {
  ConsultationClaimed,
  ConsultationClosed,
  ConsultationMessagePosted,
  ConsultationOpened,
  ConsultationRead,
} from '../domain/consultation.events';

/** request.consultations and request.consultation_messages from the `consultation-<id>` streams; redeliveries change nothing. */
@Controller()
export class ConsultationProjection {
  @EventPattern('ConsultationOpened')
  async opened(@Payload() e: DeliveredEvent<ConsultationOpened['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into request.consultations (id, citizen_id, agency_id, service_id, application_id, subject_ciphertext, status, opened_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, 'OPEN', $7, $7) on conflict (id) do nothing`,
      [d.threadId, d.citizenId, d.agencyId, d.serviceId, d.applicationId, d.subjectCiphertext, d.openedAt],
    );
  }

  @EventPattern('ConsultationMessagePosted')
  async posted(@Payload() e: DeliveredEvent<ConsultationMessagePosted['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    const { rowCount } = await ctx.tx.query(
      `insert into request.consultation_messages (thread_id, seq, message_id, author_id, author_role, text_ciphertext, attachment_ids, posted_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
      [d.threadId, d.seq, d.messageId, d.authorId, d.authorRole, d.textCiphertext, d.attachmentIds, d.postedAt],
    );
    if (!rowCount) return;
    const read = d.authorRole === 'CITIZEN' ? 'citizen_read_seq' : 'agency_read_seq';
    await ctx.tx.query(
      `update request.consultations set last_seq = greatest(last_seq, $2), ${read} = greatest(${read}, $2), updated_at = greatest(updated_at, $3) where id = $1`,
      [d.threadId, d.seq, d.postedAt],
    );
  }

  @EventPattern('ConsultationClaimed')
  async claimed(@Payload() e: DeliveredEvent<ConsultationClaimed['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(`update request.consultations set assignee_id = $2, updated_at = greatest(updated_at, $3) where id = $1`, [
      e.data.threadId,
      e.data.officerId,
      e.data.at,
    ]);
  }

  @EventPattern('ConsultationRead')
  async read(@Payload() e: DeliveredEvent<ConsultationRead['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const column = e.data.side === 'CITIZEN' ? 'citizen_read_seq' : 'agency_read_seq';
    // A receipt is news for the other side's poll: it moves updated_at too.
    await ctx.tx.query(`update request.consultations set ${column} = greatest(${column}, $2), updated_at = greatest(updated_at, $3) where id = $1`, [
      e.data.threadId,
      e.data.upToSeq,
      e.data.at,
    ]);
  }

  @EventPattern('ConsultationClosed')
  async closed(@Payload() e: DeliveredEvent<ConsultationClosed['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(`update request.consultations set status = 'CLOSED', updated_at = greatest(updated_at, $2) where id = $1`, [
      e.data.threadId,
      e.data.at,
    ]);
  }
}
