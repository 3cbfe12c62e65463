import '@serang/platform/src/otel';
import { platformConfigSchema, runService } from '@serang/platform';
import { NotificationModule } from './notification.module';

void runService({ name: 'notification', configSchema: platformConfigSchema, module: (config, log) => NotificationModule.forRoot(config, log) });
