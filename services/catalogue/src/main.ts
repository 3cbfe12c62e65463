import '@serang/platform/src/otel';
import { platformConfigSchema, runService } from '@serang/platform';
import { CatalogueModule } from './catalogue.module';

void runService({ name: 'catalogue', configSchema: platformConfigSchema, module: (config, log) => CatalogueModule.forRoot(config, log) });
