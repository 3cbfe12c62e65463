import { Inject, Module, type DynamicModule, type OnModuleInit, type Provider } from '@nestjs/common';
import { CLOCK, PG_POOL, systemClock } from '@serang/platform';
import type { MasterKeyRing } from '@serang/vault';
import type { Pool } from 'pg';
import { WebhookOutbox } from './application/webhook-outbox';
import { WebhookProjection } from './application/webhook.projection';
import { WebhookSender } from './application/webhook-sender';
import { WebhookSubscriptions } from './application/webhook-subscriptions';
import { WebhookResolver } from './graphql/webhook.resolver';
import { WebhookDeliveriesRepository } from './infra/webhook-deliveries.repository';
import { WebhookSecrets } from './infra/webhook-secrets';
import { WebhookSubscriptionsRepository } from './infra/webhook-subscriptions.repository';
import { ensureWebhookTables } from './infra/webhook.tables';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhooks.config';

class WebhookTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureWebhookTables(this.db);
  }
}

/**
 * Signed webhooks to agency systems (Standard Webhooks; docs/notifications.md, "Webhooks"):
 * subscriptions on the one write path, the outbox the application events fill (`WebhookOutbox`,
 * called by the inbox projection in the same transaction), and the sender.
 */
@Module({})
export class WebhooksModule {
  /** `notice`: the provider of WEBHOOK_NOTICE (how agency admins are told of a disabled receiver). */
  static forRoot(settings: WebhookSettings, masterKeys: MasterKeyRing | null, notice: Provider): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhookProjection],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: WEBHOOK_SETTINGS, useValue: settings },
        notice,
        { provide: WebhookSecrets, useFactory: (db: Pool) => new WebhookSecrets(db, masterKeys), inject: [PG_POOL] },
        WebhookTables,
        WebhookSubscriptionsRepository,
        WebhookDeliveriesRepository,
        WebhookSubscriptions,
        WebhookOutbox,
        WebhookSender,
        WebhookResolver,
      ],
      exports: [WebhookOutbox],
    };
  }
}
