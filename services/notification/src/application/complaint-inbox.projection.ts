import { Controller, Inject, type OnModuleInit } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { CLOCK, PG_POOL, type Clock } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import { complaintNotificationsFor, type ComplaintEvent } from '../domain/complaint.policy';
import { CHANNELS, deliveryKey, SEND_WINDOW_MS } from '../domain/delivery.policy';
import { DeliveriesRepository } from '../infra/deliveries.repository';
import { InboxRepository } from '../infra/inbox.repository';
import { OUTBOUND, type Outbound } from './dispatcher';

/**
 * Complaint steps into the complainant's inbox (and the configured channels), exactly as
 * application steps (inbox.projection.ts). Whom to tell: `notification.complaints`, filled from
 * named filings only — an anonymous complaint names nobody to notification either.
 */
@Controller()
export class ComplaintInboxProjection implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    private readonly inbox: InboxRepository,
    private readonly deliveries: DeliveriesRepository,
    @Inject(OUTBOUND) private readonly outbound: Outbound | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    // notification.tables' own lock: its schema is created by whichever runs first, never by both at once.
    await this.db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:notification.tables'));
      create schema if not exists notification;
      create table if not exists notification.complaints (complaint_id text primary key, complainant_id text not null)`);
  }

  @EventPattern('ComplaintFiled')
  async filed(@Payload() e: DeliveredEvent<Extract<ComplaintEvent, { type: 'ComplaintFiled' }>['data']>, @Ctx() ctx: EventContext): Promise<void> {
    if (!e.data.anonymous && e.data.complainantId)
      await ctx.tx.query('insert into notification.complaints (complaint_id, complainant_id) values ($1, $2) on conflict do nothing', [
        e.data.complaintId,
        e.data.complainantId,
      ]);
    await this.notify({ type: 'ComplaintFiled', data: e.data }, e, ctx);
  }

  @EventPattern('ComplaintVerified')
  verified(@Payload() e: DeliveredEvent<{ complaintId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    return this.notify({ type: 'ComplaintVerified', data: e.data }, e, ctx);
  }

  @EventPattern('ComplaintForwarded')
  forwarded(@Payload() e: DeliveredEvent<{ complaintId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    return this.notify({ type: 'ComplaintForwarded', data: e.data }, e, ctx);
  }

  @EventPattern('ComplaintTakenUp')
  takenUp(@Payload() e: DeliveredEvent<{ complaintId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    return this.notify({ type: 'ComplaintTakenUp', data: e.data }, e, ctx);
  }

  @EventPattern('ComplaintAnswered')
  answered(@Payload() e: DeliveredEvent<{ complaintId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    return this.notify({ type: 'ComplaintAnswered', data: e.data }, e, ctx);
  }

  @EventPattern('ComplaintClosed')
  closed(@Payload() e: DeliveredEvent<{ complaintId: string }>, @Ctx() ctx: EventContext): Promise<void> {
    return this.notify({ type: 'ComplaintClosed', data: e.data }, e, ctx);
  }

  private async complainantOf(tx: PoolClient, complaintId: string): Promise<string | null> {
    const { rows } = await tx.query<{ complainant_id: string }>('select complainant_id from notification.complaints where complaint_id = $1', [
      complaintId,
    ]);
    return rows[0]?.complainant_id ?? null;
  }

  private async notify(event: ComplaintEvent, e: DeliveredEvent<unknown>, ctx: EventContext): Promise<void> {
    const complainant = event.type === 'ComplaintFiled' ? null : await this.complainantOf(ctx.tx, event.data.complaintId);
    const entries = complaintNotificationsFor(e.id, event, complainant);
    for (const entry of entries) await this.inbox.add(ctx.tx, entry, e.id, e.metadata.occurredAt);
    const now = this.clock.now();
    if (!this.outbound || now.getTime() - Date.parse(e.metadata.occurredAt) > SEND_WINDOW_MS) return;
    for (const channel of CHANNELS.filter((c) => this.outbound!.providers[c]))
      for (const entry of entries)
        await this.deliveries.add(ctx.tx, { id: deliveryKey(e.id, entry.recipientId, entry.kind, channel), channel, entry }, e.id, now);
  }
}
