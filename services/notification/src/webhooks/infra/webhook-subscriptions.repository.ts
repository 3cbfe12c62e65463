import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { WebhookSubscriptionCreated } from '../domain/webhook.events';

export interface SubscriptionRow {
  id: string;
  agency_id: string;
  system_id: string;
  url: string;
  event_types: string[];
  status: 'ACTIVE' | 'DISABLED';
  disabled_reason: string | null;
  secret_version: number;
  created_at: Date;
  updated_at: Date;
}

/** notification.webhook_subscriptions and agency_systems: projections, written in the consumer's transaction. */
@Injectable()
export class WebhookSubscriptionsRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async created(tx: PoolClient, d: WebhookSubscriptionCreated['data']): Promise<void> {
    await tx.query(
      `insert into notification.webhook_subscriptions (id, agency_id, system_id, url, event_types, status, secret_version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7, $7) on conflict (id) do nothing`,
      [d.subscriptionId, d.agencyId, d.systemId, d.url, d.eventTypes, d.secretVersion, d.at],
    );
    await tx.query('insert into notification.webhook_senders (subscription_id) values ($1) on conflict do nothing', [d.subscriptionId]);
  }

  async secretRotated(tx: PoolClient, id: string, version: number, at: string): Promise<void> {
    await tx.query('update notification.webhook_subscriptions set secret_version = $2, updated_at = $3 where id = $1', [id, version, at]);
  }

  async statusChanged(tx: PoolClient, id: string, status: 'ACTIVE' | 'DISABLED', reason: string | null, at: string): Promise<void> {
    await tx.query('update notification.webhook_subscriptions set status = $2, disabled_reason = $3, updated_at = $4 where id = $1', [
      id,
      status,
      reason,
      at,
    ]);
    // Enabled again: the receiver gets a fresh day before it counts as failing.
    if (status === 'ACTIVE')
      await tx.query(
        'update notification.webhook_senders set failures = 0, failing_since = null, next_attempt_at = null where subscription_id = $1',
        [id],
      );
  }

  async ofAgency(agencyId: string): Promise<SubscriptionRow[]> {
    const { rows } = await this.db.query<SubscriptionRow>(
      'select * from notification.webhook_subscriptions where agency_id = $1 order by created_at, id',
      [agencyId],
    );
    return rows;
  }

  async byId(id: string): Promise<SubscriptionRow | null> {
    const { rows } = await this.db.query<SubscriptionRow>('select * from notification.webhook_subscriptions where id = $1', [id]);
    return rows[0] ?? null;
  }

  async putSystem(tx: PoolClient, systemId: string, agencyId: string): Promise<void> {
    await tx.query(
      `insert into notification.agency_systems (system_id, agency_id, status) values ($1, $2, 'ACTIVE') on conflict (system_id) do nothing`,
      [systemId, agencyId],
    );
  }

  async revokeSystem(tx: PoolClient, systemId: string): Promise<void> {
    await tx.query(`update notification.agency_systems set status = 'REVOKED' where system_id = $1`, [systemId]);
  }

  /** The agency of an active agency system, or null. */
  async systemAgency(systemId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ agency_id: string }>(
      `select agency_id from notification.agency_systems where system_id = $1 and status = 'ACTIVE'`,
      [systemId],
    );
    return rows[0]?.agency_id ?? null;
  }
}
