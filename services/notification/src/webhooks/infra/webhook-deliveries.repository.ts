import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { ApplicationSnapshot } from '../domain/webhook-payload';

export interface PendingDelivery {
  seq: string;
  id: string;
  subscription_id: string;
  application_id: string;
  body: string;
}

export interface DeliveryLogRow {
  seq: string;
  id: string;
  application_id: string;
  event_type: string;
  occurred_at: Date;
  replay_of: string | null;
  status: 'pending' | 'delivered';
  attempts: number;
  last_attempt_at: Date | null;
  last_response_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

export interface ClaimedSender {
  subscription_id: string;
  url: string;
  secret_version: number;
  failures: number;
  failing_since: Date | null;
}

/** The webhook outbox: what each subscription still has to hear, in order per application, and the log of what it heard. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** What an application is now, as the event tells it (an event of an application never seen submitted: null). */
  async trackApplication(
    tx: PoolClient,
    applicationId: string,
    change: { agencyId?: string; trackingNumber?: string; status?: string; version: number },
  ): Promise<(ApplicationSnapshot & { agencyId: string }) | null> {
    if (change.agencyId && change.trackingNumber) {
      await tx.query(
        `insert into notification.webhook_applications (application_id, agency_id, tracking_number, status, version) values ($1, $2, $3, $4, $5)
         on conflict (application_id) do nothing`,
        [applicationId, change.agencyId, change.trackingNumber, change.status ?? 'SUBMITTED', change.version],
      );
    }
    const { rows } = await tx.query<{ agency_id: string; tracking_number: string; status: string; version: string }>(
      `update notification.webhook_applications set status = coalesce($2, status), version = greatest(version, $3)
        where application_id = $1 returning agency_id, tracking_number, status, version`,
      [applicationId, change.status ?? null, change.version],
    );
    const r = rows[0];
    return r ? { applicationId, agencyId: r.agency_id, trackingNumber: r.tracking_number, status: r.status, version: Number(r.version) } : null;
  }

  /**
   * The subscriptions that hear an event of an agency: active ones, and ones the platform disabled
   * for failing (their backlog goes when an admin enables them again). One disabled by its admin hears nothing.
   */
  async listeners(tx: PoolClient, agencyId: string, eventType: string): Promise<string[]> {
    const { rows } = await tx.query<{ id: string }>(
      `select id from notification.webhook_subscriptions
        where agency_id = $1 and $2 = any(event_types) and (status = 'ACTIVE' or disabled_reason = 'FAILING') order by id`,
      [agencyId, eventType],
    );
    return rows.map((r) => r.id);
  }

  async enqueue(
    tx: PoolClient,
    d: { id: string; subscriptionId: string; applicationId: string; eventType: string; body: string; occurredAt: string },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `insert into notification.webhook_deliveries (id, subscription_id, application_id, event_type, body, occurred_at, status, created_at)
       values ($1, $2, $3, $4, $5, $6, 'pending', $7) on conflict (id) do nothing`,
      [d.id, d.subscriptionId, d.applicationId, d.eventType, d.body, d.occurredAt, now],
    );
  }

  /** A replay: every original message since `from` again, in its order, after whatever waits now; ids from `idOf`. */
  async replay(tx: PoolClient, subscriptionId: string, from: string, now: Date, idOf: (originalId: string) => string): Promise<number> {
    const { rows } = await tx.query<{ id: string; application_id: string; event_type: string; body: string; occurred_at: Date }>(
      `select id, application_id, event_type, body, occurred_at from notification.webhook_deliveries
        where subscription_id = $1 and replay_of is null and occurred_at >= $2 order by seq`,
      [subscriptionId, from],
    );
    for (const r of rows)
      await tx.query(
        `insert into notification.webhook_deliveries (id, subscription_id, application_id, event_type, body, occurred_at, replay_of, status, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) on conflict (id) do nothing`,
        [idOf(r.id), subscriptionId, r.application_id, r.event_type, r.body, r.occurred_at, r.id, now],
      );
    return rows.length;
  }

  /** Takes one active subscription with messages due (no other replica has it) for `leaseMs`. */
  async claimSender(now: Date, leaseMs: number): Promise<ClaimedSender | null> {
    const { rows } = await this.db.query<ClaimedSender>(
      `with next as (
         select s.subscription_id from notification.webhook_senders s
           join notification.webhook_subscriptions w on w.id = s.subscription_id
          where w.status = 'ACTIVE' and (s.next_attempt_at is null or s.next_attempt_at <= $1) and (s.leased_until is null or s.leased_until < $1)
            and exists (select 1 from notification.webhook_deliveries d where d.subscription_id = s.subscription_id and d.status = 'pending')
          order by s.next_attempt_at nulls first limit 1 for update of s skip locked)
       update notification.webhook_senders s set leased_until = $2 from next, notification.webhook_subscriptions w
        where s.subscription_id = next.subscription_id and w.id = s.subscription_id
        returning s.subscription_id, w.url, w.secret_version, s.failures, s.failing_since`,
      [now, new Date(now.getTime() + leaseMs)],
    );
    return rows[0] ?? null;
  }

  /** The first waiting message of each application (its later ones wait behind it), oldest first. */
  async heads(subscriptionId: string, n: number): Promise<PendingDelivery[]> {
    const { rows } = await this.db.query<PendingDelivery>(
      `select * from (select distinct on (application_id) seq, id, subscription_id, application_id, body from notification.webhook_deliveries
                        where subscription_id = $1 and status = 'pending' order by application_id, seq) h
        order by seq limit $2`,
      [subscriptionId, n],
    );
    return rows;
  }

  async attempted(seq: string, ok: boolean, at: Date, responseStatus: number | null, error: string | null): Promise<void> {
    await this.db.query(
      `update notification.webhook_deliveries set attempts = attempts + 1, last_attempt_at = $2, last_response_status = $3, last_error = $4,
              status = case when $5 then 'delivered' else status end, delivered_at = case when $5 then $2 else delivered_at end
        where seq = $1`,
      [seq, at, responseStatus, error?.slice(0, 300) ?? null, ok],
    );
  }

  /** The receiver answered: not failing any more. */
  async senderHealthy(subscriptionId: string): Promise<void> {
    await this.db.query(
      'update notification.webhook_senders set failures = 0, failing_since = null, next_attempt_at = null where subscription_id = $1',
      [subscriptionId],
    );
  }

  /** The receiver failed: the next try waits until `retryAt`. Answers since when it has been failing. */
  async senderFailed(subscriptionId: string, now: Date, retryAt: Date): Promise<Date> {
    const { rows } = await this.db.query<{ failing_since: Date }>(
      `update notification.webhook_senders set failures = failures + 1, failing_since = coalesce(failing_since, $2), next_attempt_at = $3
        where subscription_id = $1 returning failing_since`,
      [subscriptionId, now, retryAt],
    );
    return rows[0]?.failing_since ?? now;
  }

  async release(subscriptionId: string): Promise<void> {
    await this.db.query('update notification.webhook_senders set leased_until = null where subscription_id = $1', [subscriptionId]);
  }

  /** The delivery log of a subscription, newest first, a page before `beforeSeq`. */
  async log(subscriptionId: string, n: number, beforeSeq: string | null): Promise<DeliveryLogRow[]> {
    const { rows } = await this.db.query<DeliveryLogRow>(
      `select seq, id, application_id, event_type, occurred_at, replay_of, status, attempts, last_attempt_at, last_response_status, last_error, delivered_at, created_at
         from notification.webhook_deliveries where subscription_id = $1 and ($3::bigint is null or seq < $3) order by seq desc limit $2`,
      [subscriptionId, n, beforeSeq],
    );
    return rows;
  }
}
