import { Inject, Injectable } from '@nestjs/common';
import { notificationDeliveries, PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { Channel, Delivery, DeliveryStatus } from '../domain/delivery.policy';
import type { NotificationKind, TemplateParams } from '../domain/notification.kinds';

export interface DeliveryRow {
  id: string;
  recipient_id: string;
  channel: Channel;
  kind: NotificationKind;
  template_version: number;
  params: TemplateParams;
  status: DeliveryStatus;
  attempts: number;
}

const COLUMNS = 'id, recipient_id, channel, kind, template_version, params, status, attempts';
const PARKED_COLUMNS = 'id, recipient_id, channel, kind, attempts, last_error, created_at, updated_at';

/** A message given up after every retry, as platform admins see it. */
export interface ParkedRow {
  id: string;
  recipient_id: string;
  channel: Channel;
  kind: NotificationKind;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

/** notification.deliveries: the outbox of messages to send and their status. No contact data. */
@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** Within the consumer's transaction: the message exists once its event is processed (due at `sendAt`: after quiet hours). Nothing for an erased person. */
  async add(tx: PoolClient, d: Delivery, sourceEventId: string, at: Date, sendAt: Date = at): Promise<void> {
    await tx.query(
      `insert into notification.deliveries (id, source_event_id, recipient_id, channel, kind, template_version, params, status, attempts, next_attempt_at, created_at, updated_at)
       select $1, $2, $3, $4, $5, $6, $7, 'created', 0, $9, $8, $8
        where not exists (select 1 from notification.erased_recipients where person_id = $3)
       on conflict (id) do nothing`,
      [d.id, sourceEventId, d.entry.recipientId, d.channel, d.entry.kind, d.entry.templateVersion, JSON.stringify(d.entry.params), at, sendAt],
    );
  }

  /**
   * Takes up to `n` messages that are due and marks each `sending` with one more attempt — before
   * the provider is called, and committed at once: a crash mid-send leaves `sending` with a lease
   * that expires, and the message goes again under the same key. Replicas never take the same one.
   */
  async claimDue(n: number, now: Date, leaseMs: number, channel: Channel): Promise<DeliveryRow[]> {
    const { rows } = await this.db.query<DeliveryRow>(
      `update notification.deliveries set status = 'sending', attempts = attempts + 1, next_attempt_at = $3, updated_at = $2
        where id in (select id from notification.deliveries
                      where status in ('created', 'temporary-failure', 'sending') and next_attempt_at <= $2 and channel = $4
                      order by next_attempt_at, created_at limit $1 for update skip locked)
        returning ${COLUMNS}`,
      [n, now, new Date(now.getTime() + leaseMs), channel],
    );
    return rows;
  }

  /** A message the provider throttled goes back in line: its attempt does not count. */
  async requeue(id: string, retryAt: Date, now: Date): Promise<void> {
    await this.db.query(
      `update notification.deliveries set status = 'created', attempts = greatest(attempts - 1, 0), next_attempt_at = $2, updated_at = $3
        where id = $1 and status = 'sending'`,
      [id, retryAt, now],
    );
  }

  /** The outcome of an attempt; an accepted message keeps the provider's reference (a wamid, a gateway id, SMTP's answer). */
  async settle(id: string, status: DeliveryStatus, retryAt: Date | null, now: Date, detail: string, accepted: boolean): Promise<void> {
    await this.db.query(
      `update notification.deliveries set status = $2, next_attempt_at = $3, updated_at = $4,
              last_error = case when $6 then null else $5 end,
              provider_reference = case when $6 then $5 else provider_reference end
        where id = $1`,
      [id, status, retryAt, now, detail.slice(0, 500), accepted],
    );
  }

  /**
   * A provider's receipt: by our key when it carries it, else by the provider's reference. Only a
   * message still `sending` changes (a late or repeated callback never undoes "delivered").
   * Answers whether a message changed.
   */
  async receipt(channel: string, match: { key?: string; reference?: string }, status: DeliveryStatus, now: Date): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `update notification.deliveries set status = $4, next_attempt_at = null, updated_at = $5
        where channel = $1 and status = 'sending' and (id::text = $2 or provider_reference = $3)`,
      [channel, match.key ?? '', match.reference ?? '', status, now],
    );
    if (rowCount) notificationDeliveries.inc({ channel, status }, rowCount);
    return (rowCount ?? 0) > 0;
  }

  /** A person erased: their messages still waiting will never go. */
  async cancelFor(tx: PoolClient, personId: string, at: string): Promise<void> {
    await tx.query(
      `update notification.deliveries set status = 'permanent-failure', next_attempt_at = null, updated_at = $2, last_error = 'recipient erased'
        where recipient_id = $1 and status in ('created', 'temporary-failure', 'sending')`,
      [personId, at],
    );
  }

  /** Parked messages (technical-failure), newest first, a page older than `before` (an id). */
  async parked(n: number, before: string | null): Promise<ParkedRow[]> {
    const { rows } = await this.db.query<ParkedRow>(
      `select ${PARKED_COLUMNS} from notification.deliveries d
        where status = 'technical-failure'
          and ($2::uuid is null or (updated_at, id) < (select updated_at, id from notification.deliveries where id = $2::uuid))
        order by updated_at desc, id desc limit $1`,
      [n, before],
    );
    return rows;
  }

  /**
   * A parked message goes again: fresh attempts, due now, under its own key (a receiver that got it
   * after all drops the copy). Not for a person erased meanwhile. Null: it is not parked.
   */
  async redrive(id: string, now: Date): Promise<ParkedRow | null> {
    const { rows } = await this.db.query<ParkedRow>(
      `update notification.deliveries d set status = 'created', attempts = 0, next_attempt_at = $2, updated_at = $2
        where id = $1 and status = 'technical-failure'
          and not exists (select 1 from notification.erased_recipients e where e.person_id = d.recipient_id)
        returning ${PARKED_COLUMNS}`,
      [id, now],
    );
    return rows[0] ?? null;
  }

  /** Every parked message (of one channel) goes again; answers how many. */
  async redriveAll(channel: Channel | null, now: Date): Promise<number> {
    const { rowCount } = await this.db.query(
      `update notification.deliveries d set status = 'created', attempts = 0, next_attempt_at = $2, updated_at = $2
        where status = 'technical-failure' and ($1::text is null or channel = $1)
          and not exists (select 1 from notification.erased_recipients e where e.person_id = d.recipient_id)`,
      [channel, now],
    );
    return rowCount ?? 0;
  }
}
