import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type {
  ComplaintAnswered,
  ComplaintClosed,
  ComplaintFiled,
  ComplaintForwarded,
  ComplaintReopened,
  ComplaintSlaBreached,
  ComplaintSlaWarningRaised,
  ComplaintTakenUp,
  ComplaintVerified,
} from '../domain/complaint.events';
import { ComplaintVault } from './complaint-vault';

/**
 * The complaints read model (queues, lists) from request's own complaint streams. It names no
 * complainant: only the pseudonym. Idempotent per event: the step's version comes from the event
 * and a step never moves a row back (`version < $n`), so a redelivery changes nothing.
 */
@Controller()
export class ComplaintsProjection {
  constructor(private readonly keys: ComplaintVault) {}

  /**
   * Identity erased a person: the keys of every complaint they filed are destroyed, so what they
   * wrote (and the answers, and the sealed id) can never be read again. The complaints stay, as
   * records of what happened. Nest chains this with request's own PersonErased handler.
   */
  @EventPattern('PersonErased')
  async personErased(@Payload() e: DeliveredEvent<{ personId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    const { rows } = await ctx.tx.query<{ complaint_id: string }>('select complaint_id from request.complaint_owners where person_id = $1', [
      e.data.personId,
    ]);
    for (const r of rows) await this.keys.destroy(r.complaint_id, ctx.tx);
  }

  @EventPattern('ComplaintFiled')
  async filed(@Payload() e: DeliveredEvent<ComplaintFiled['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into request.complaints (id, status, version, category_code, agency_id, anonymous, confidential, pseudonym, application_id, filed_at, due_at, warn_at, updated_at)
       values ($1, 'RECEIVED', 1, $2, nullif($3, ''), $4, $5, $6, nullif($7, '')::uuid, $8, $9, $10, $8) on conflict (id) do nothing`,
      [d.complaintId, d.categoryCode, d.agencyId, d.anonymous, d.confidential, d.pseudonym, d.applicationId, d.filedAt, d.dueAt, d.warnAt || null],
    );
  }

  @EventPattern('ComplaintVerified')
  async verified(@Payload() e: DeliveredEvent<ComplaintVerified['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.step(ctx, e.data, 'VERIFIED', 'agency_id = $5', [e.data.agencyId]);
  }

  @EventPattern('ComplaintForwarded')
  async forwarded(@Payload() e: DeliveredEvent<ComplaintForwarded['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.step(ctx, e.data, 'FORWARDED', 'agency_id = $5, assignee_id = null', [e.data.toAgencyId]);
  }

  @EventPattern('ComplaintTakenUp')
  async takenUp(@Payload() e: DeliveredEvent<ComplaintTakenUp['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.step(ctx, e.data, 'IN_PROGRESS', 'assignee_id = $5', [e.data.officerId]);
  }

  @EventPattern('ComplaintAnswered')
  async answered(@Payload() e: DeliveredEvent<ComplaintAnswered['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.step(ctx, e.data, 'ANSWERED', 'answered_at = $3');
  }

  @EventPattern('ComplaintReopened')
  async reopened(@Payload() e: DeliveredEvent<ComplaintReopened['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.step(
      ctx,
      e.data,
      'IN_PROGRESS',
      'reopened = true, answered_at = null, due_at = $5, warn_at = $6, warned_at = null, breached_at = null',
      [e.data.dueAt, e.data.warnAt],
    );
  }

  @EventPattern('ComplaintClosed')
  async closed(@Payload() e: DeliveredEvent<ComplaintClosed['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.step(ctx, e.data, 'CLOSED', 'closed_at = $3');
  }

  @EventPattern('ComplaintSlaWarningRaised')
  async warned(@Payload() e: DeliveredEvent<ComplaintSlaWarningRaised['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query('update request.complaints set warned_at = coalesce(warned_at, $2) where id = $1', [e.data.complaintId, e.data.at]);
  }

  @EventPattern('ComplaintSlaBreached')
  async breached(@Payload() e: DeliveredEvent<ComplaintSlaBreached['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query('update request.complaints set breached_at = coalesce(breached_at, $2) where id = $1', [e.data.complaintId, e.data.at]);
  }

  /** One step: status and version move forward together ($1 id, $2 version, $3 at, $4 status, then `extra`). */
  private async step(
    ctx: EventContext,
    d: { complaintId: string; version: number; at: string },
    status: string,
    set: string,
    extra: unknown[] = [],
  ): Promise<void> {
    await ctx.tx.query(`update request.complaints set status = $4, version = $2, updated_at = $3, ${set} where id = $1 and version < $2`, [
      d.complaintId,
      d.version,
      d.at,
      status,
      ...extra,
    ]);
  }
}
