import '@serang/platform/src/otel';
import { runService } from '@serang/platform';
import { identityConfigSchema } from './identity.config';
import { IdentityModule } from './identity.module';

void runService({ name: 'identity', configSchema: identityConfigSchema, module: (config, log) => IdentityModule.forRoot(config, log) });
