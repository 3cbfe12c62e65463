import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, subgraphModule } from '@serang/platform';
import type { Logger } from 'pino';
import { AccountModule } from './account';
import { AgencySystemsModule } from './agency-systems';
import type { IdentityConfig } from './identity.config';
import { identityMessages } from './identity.messages';
import { OIDC_CATEGORIES, OidcModule, oidcMessages } from './oidc';
import { PersonalDataModule } from './personal-data';
import { SessionsModule } from './sessions';
import { StaffModule } from './staff';

/**
 * Identity: one feature module per feature folder (docs/identity.md), each importing the others
 * only through their index. Person is the core every other feature builds on.
 */
@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, log: Logger): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        PlatformModule.forRoot({
          service: 'identity',
          config,
          log,
          messages: { ...identityMessages, ...oidcMessages },
          bus: {
            context: 'identity',
            owns: ['person', 'agencysystem', 'identityaccess', ...OIDC_CATEGORIES],
            projects: ['person', 'agencysystem', 'identityaccess', ...OIDC_CATEGORIES],
            // Agencies (for invitations), who applied where (staff may see only their applicants), and
            // request's entries of the personal-data audit trail.
            consumes: [
              { context: 'catalogue', categories: ['agency'] },
              { context: 'request', categories: ['application', 'requestaccess'] },
            ],
          },
        }),
        // Identity verifies its own tokens the way every subgraph does: through its published JWKS.
        subgraphModule({ service: 'identity', config, log }),
        AccountModule,
        StaffModule,
        AgencySystemsModule,
        PersonalDataModule,
        SessionsModule,
        OidcModule,
      ],
    };
  }
}
