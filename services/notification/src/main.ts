import '@serang/platform/src/otel';
import { runService } from '@serang/platform';
import { notificationConfigSchema } from './notification.config';
import { NotificationModule } from './notification.module';

void runService({ name: 'notification', configSchema: notificationConfigSchema, module: (config, log) => NotificationModule.forRoot(config, log) });
