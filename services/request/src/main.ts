import '@serang/platform/src/otel';
import { runService } from '@serang/platform';
import { requestConfigSchema } from './request.config';
import { RequestModule } from './request.module';

void runService({ name: 'request', configSchema: requestConfigSchema, module: (config, log) => RequestModule.forRoot(config, log) });
