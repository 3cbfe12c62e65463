import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PLATFORM_CONFIG, PlatformModule, subgraphModule, systemClock } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { AccountOpening } from './application/account-opening';
import { ChangePasswordHandler } from './application/change-password';
import { IdentityProjection } from './application/identity.projection';
import { LoginHandler } from './application/login';
import { LoginThrottle } from './application/login-throttle';
import { LogoutHandler } from './application/logout';
import { PersonReader } from './application/person-reader';
import { RefreshSessionHandler } from './application/refresh-session';
import { RegisterCitizenHandler } from './application/register-citizen';
import { SeedPlatformAdmin } from './application/seed-platform-admin';
import { SessionCheck } from './application/session-check';
import { SessionIssuer } from './application/session-issuer';
import { SessionRevoker } from './application/session-revoker';
import { IdentityResolver } from './graphql/identity.resolver';
import { JwksController } from './graphql/jwks.controller';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { identityMessages } from './identity.messages';
import { AccountsRepository } from './infra/accounts.repository';
import { ensureIdentityTables } from './infra/identity.tables';
import { LoginThrottlesRepository } from './infra/login-throttles.repository';
import { PasswordHasher } from './infra/password-hasher';
import { PersonsQueries } from './infra/persons.queries';
import { SessionsRepository } from './infra/sessions.repository';
import { SigningKeys } from './infra/signing-keys';

class IdentityTables implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    private readonly vault: Vault,
  ) {}
  onModuleInit(): Promise<void> {
    return ensureIdentityTables(this.db, () => this.vault.ensureSchema());
  }
}

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
          messages: identityMessages,
          bus: { context: 'identity', owns: ['person'], projects: ['person'], consumes: [] },
        }),
        // Identity verifies its own tokens the way every subgraph does: through its published JWKS.
        subgraphModule({ service: 'identity', config, log }),
      ],
      controllers: [IdentityProjection, JwksController],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: IDENTITY_CONFIG, useExisting: PLATFORM_CONFIG },
        { provide: Vault, useFactory: (db: Pool) => new Vault(db, { schema: 'identity', masterKeys: config.masterKeys }), inject: [PG_POOL] },
        IdentityTables,
        AccountsRepository,
        SessionsRepository,
        LoginThrottlesRepository,
        PersonsQueries,
        PasswordHasher,
        SigningKeys,
        AccountOpening,
        SessionIssuer,
        PersonReader,
        RegisterCitizenHandler,
        LoginHandler,
        LoginThrottle,
        SessionCheck,
        SessionRevoker,
        RefreshSessionHandler,
        LogoutHandler,
        ChangePasswordHandler,
        SeedPlatformAdmin,
        IdentityResolver,
      ],
    };
  }
}
