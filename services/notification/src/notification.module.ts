import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PlatformModule, subgraphModule, systemClock } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { EMAIL_CHANNEL, EmailDispatcher, type EmailChannel } from './application/email-dispatcher';
import { InboxProjection } from './application/inbox.projection';
import { LINK_BASE, NotificationResolver } from './graphql/notification.resolver';
import { ContactClient } from './infra/contact.client';
import { DeliveriesRepository } from './infra/deliveries.repository';
import { InboxRepository } from './infra/inbox.repository';
import { ensureNotificationTables } from './infra/notification.tables';
import { RecipientsRepository } from './infra/recipients.repository';
import type { NotificationConfig } from './notification.config';
import { SmtpMailer } from './infra/smtp.mailer';
import { notificationMessages } from './notification.messages';

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
          messages: notificationMessages,
          bus: {
            context: 'notification',
            owns: [],
            projects: [],
            consumes: [
              { context: 'request', categories: ['application'] },
              { context: 'identity', categories: ['person'] },
            ],
          },
        }),
        subgraphModule({ service: 'notification', config, log }),
      ],
      controllers: [InboxProjection],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: LINK_BASE, useValue: config.NOTIFICATION_LINK_BASE },
        NotificationTables,
        InboxRepository,
        RecipientsRepository,
        DeliveriesRepository,
        { provide: EMAIL_CHANNEL, useValue: emailChannel(config) },
        EmailDispatcher,
        NotificationResolver,
      ],
    };
  }
}

/** The e-mail channel, when notification has an SMTP server and identity's contact secret; null otherwise. */
function emailChannel(config: NotificationConfig): EmailChannel | null {
  if (!config.NOTIFICATION_SMTP_URL || !config.CONTACT_API_TOKEN) return null;
  return {
    mailer: new SmtpMailer(config.NOTIFICATION_SMTP_URL, config.NOTIFICATION_MAIL_FROM),
    contacts: new ContactClient(config.IDENTITY_URL ?? new URL(config.IDENTITY_JWKS_URL).origin, config.CONTACT_API_TOKEN),
    linkBase: config.NOTIFICATION_LINK_BASE,
    maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
    baseSeconds: config.NOTIFICATION_RETRY_BASE_SECONDS,
    pollMs: 500,
  };
}
