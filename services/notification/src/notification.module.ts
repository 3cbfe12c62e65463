import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PlatformModule, subgraphModule, systemClock } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { Dispatcher, OUTBOUND, type Outbound } from './application/dispatcher';
import { ComplaintInboxProjection } from './application/complaint-inbox.projection';
import { InboxProjection } from './application/inbox.projection';
import { LINK_BASE, NotificationResolver } from './graphql/notification.resolver';
import { ParkedMessagesResolver } from './graphql/parked-messages.resolver';
import { ContactClient } from './infra/contact.client';
import { DeliveriesRepository } from './infra/deliveries.repository';
import { InboxRepository } from './infra/inbox.repository';
import { ensureNotificationTables } from './infra/notification.tables';
import { RecipientsRepository } from './infra/recipients.repository';
import type { NotificationConfig } from './notification.config';
import type { Provider } from './infra/providers';
import { SandboxSink } from './infra/sandbox.sink';
import { SmsGateway } from './infra/sms.gateway';
import { SmtpMailer } from './infra/smtp.mailer';
import { WhatsAppCloud } from './infra/whatsapp.cloud';
import { ProviderCallbacksController, CALLBACK_SECRETS } from './http/provider-callbacks.controller';
import type { Channel } from './domain/delivery.policy';
import { notificationMessages } from './notification.messages';
import { InboxWebhookNotice } from './application/webhook-notice';
import { PreferencesModule } from './preferences';
import { WEBHOOK_NOTICE, webhookMessages, WebhooksModule, type WebhookSettings } from './webhooks';
import { parseMasterKeys, type MasterKeyRing } from '@serang/vault';

class NotificationTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}
  onModuleInit(): Promise<void> {
    return ensureNotificationTables(this.db);
  }
}

/** In-app inbox of every application step (docs/notifications.md); e-mail, SMS/WhatsApp and agency webhooks come later. */
@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig, log: Logger): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        PlatformModule.forRoot({
          service: 'notification',
          config,
          log,
          messages: { ...notificationMessages, ...webhookMessages },
          bus: {
            context: 'notification',
            owns: ['webhook', 'notificationprefs'],
            projects: ['webhook', 'notificationprefs'],
            consumes: [
              { context: 'request', categories: ['application', 'complaint'] },
              { context: 'identity', categories: ['person', 'agencysystem'] },
            ],
          },
        }),
        subgraphModule({ service: 'notification', config, log }),
        PreferencesModule,
        WebhooksModule.forRoot(webhookSettings(config), masterKeys(config), {
          provide: WEBHOOK_NOTICE,
          useFactory: (db: Pool) => new InboxWebhookNotice(new InboxRepository(db), new RecipientsRepository()),
          inject: [PG_POOL],
        }),
      ],
      controllers: [InboxProjection, ComplaintInboxProjection, ProviderCallbacksController],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: LINK_BASE, useValue: config.NOTIFICATION_LINK_BASE },
        NotificationTables,
        InboxRepository,
        RecipientsRepository,
        DeliveriesRepository,
        { provide: OUTBOUND, useValue: outbound(config) },
        {
          provide: CALLBACK_SECRETS,
          useValue: {
            smsToken: config.SMS_CALLBACK_TOKEN,
            whatsappAppSecret: config.WHATSAPP_APP_SECRET,
            whatsappVerifyToken: config.WHATSAPP_VERIFY_TOKEN,
          },
        },
        Dispatcher,
        NotificationResolver,
        ParkedMessagesResolver,
      ],
    };
  }
}

/**
 * The channels beyond the inbox: each one whose provider is configured (e-mail needs identity's
 * contact secret too). In the sandbox every configured channel goes to the sink, and no contact
 * is read. Null: the inbox only.
 */
function outbound(config: NotificationConfig): Outbound | null {
  const providers: Partial<Record<Channel, Provider>> = {};
  if (config.NOTIFICATION_SMTP_URL) providers.email = new SmtpMailer(config.NOTIFICATION_SMTP_URL, config.NOTIFICATION_MAIL_FROM);
  if (config.SMS_GATEWAY_URL) providers.sms = new SmsGateway(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN);
  if (config.WHATSAPP_PHONE_NUMBER_ID)
    providers.whatsapp = new WhatsAppCloud(config.WHATSAPP_API_URL, config.WHATSAPP_PHONE_NUMBER_ID, config.WHATSAPP_ACCESS_TOKEN);
  const sandbox = config.NOTIFICATION_SANDBOX_URL ? new SandboxSink(config.NOTIFICATION_SANDBOX_URL) : null;
  if (sandbox) {
    for (const channel of Object.keys(providers) as Channel[]) {
      providers[channel]!.close?.();
      providers[channel] = sandbox;
    }
  } else if (!config.CONTACT_API_TOKEN) return null;
  if (!Object.keys(providers).length) return null;
  return {
    providers,
    contacts: sandbox ? null : new ContactClient(config.IDENTITY_URL ?? new URL(config.IDENTITY_JWKS_URL).origin, config.CONTACT_API_TOKEN!),
    linkBase: config.NOTIFICATION_LINK_BASE,
    maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
    baseSeconds: config.NOTIFICATION_RETRY_BASE_SECONDS,
    pollMs: 500,
    leaseMs: config.NOTIFICATION_SEND_LEASE_SECONDS * 1000,
    rateLimits: config.NOTIFICATION_RATE_LIMITS,
  };
}

/** Webhook secrets are sealed under the vault's master keys: without VAULT_MASTER_KEYS, no subscription can be made (nor sent). */
function masterKeys(config: NotificationConfig): MasterKeyRing | null {
  return config.VAULT_MASTER_KEYS ? parseMasterKeys(config.VAULT_MASTER_KEYS, config.VAULT_MASTER_KEY_ID) : null;
}

function webhookSettings(config: NotificationConfig): WebhookSettings {
  return {
    policy: { allowHttp: config.NOTIFICATION_WEBHOOK_ALLOW_HTTP, allowedHosts: config.NOTIFICATION_WEBHOOK_ALLOWED_HOSTS },
    baseSeconds: config.NOTIFICATION_WEBHOOK_RETRY_BASE_SECONDS,
    maxSeconds: config.NOTIFICATION_WEBHOOK_RETRY_MAX_SECONDS,
    disableAfterMs: config.NOTIFICATION_WEBHOOK_DISABLE_AFTER_SECONDS * 1000,
    timeoutMs: config.NOTIFICATION_WEBHOOK_TIMEOUT_SECONDS * 1000,
    pollMs: 500,
    leaseMs: config.NOTIFICATION_SEND_LEASE_SECONDS * 1000,
    secretOverlapMs: 24 * 3600 * 1000,
    sandboxUrl: config.NOTIFICATION_SANDBOX_URL ?? null,
  };
}
