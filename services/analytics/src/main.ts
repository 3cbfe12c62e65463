import '@serang/platform/src/otel';
import { platformConfigSchema, runService } from '@serang/platform';
import { AnalyticsModule } from './analytics.module';

void runService({ name: 'analytics', configSchema: platformConfigSchema, module: (config, log) => AnalyticsModule.forRoot(config, log) });
