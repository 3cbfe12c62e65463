import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PLATFORM_CONFIG, PlatformModule, subgraphModule, systemClock } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { AcceptInvitationHandler } from './application/accept-invitation';
import { AccessAudit } from './application/access-audit';
import { AccountOpening } from './application/account-opening';
import { AgencySystems } from './application/agency-systems';
import { ErasePersonHandler } from './application/erase-person';
import { ErasureEffects } from './application/erasure-effects';
import { MailSender } from './application/mail-sender';
import { PersonalDataAccess } from './application/personal-data';
import { RelationsProjection } from './application/relations.projection';
import { StaffDirectory } from './application/staff-directory';
import { StaffInvitations } from './application/staff-invitations';
import { UpdateProfileHandler } from './application/update-profile';
import { ChangePasswordHandler } from './application/change-password';
import { ContactDirectory } from './application/contact-directory';
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
import { AgencySystemsResolver } from './graphql/agency-systems.resolver';
import { IdentityResolver } from './graphql/identity.resolver';
import { PersonalDataResolver } from './graphql/personal-data.resolver';
import { SigningKeysResolver } from './graphql/signing-keys.resolver';
import { StaffResolver } from './graphql/staff.resolver';
import { ContactsController } from './graphql/contacts.controller';
import { JwksController } from './graphql/jwks.controller';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { identityMessages } from './identity.messages';
import { AccountsRepository } from './infra/accounts.repository';
import { AgencySystemsRepository } from './infra/agency-systems.repository';
import { NameClaimsRepository } from './infra/name-claims.repository';
import { MailOutboxRepository } from './infra/mail-outbox.repository';
import { MailTransport } from './infra/mail-transport';
import { PersonalDataQueries } from './infra/personal-data.queries';
import { StaffQueries } from './infra/staff.queries';
import { ensureIdentityTables } from './infra/identity.tables';
import { LoginThrottlesRepository } from './infra/login-throttles.repository';
import { PasswordHasher } from './infra/password-hasher';
import { SessionsRepository } from './infra/sessions.repository';
import { SigningKeys } from './infra/signing-keys';
import { OIDC_CATEGORIES, OIDC_CONTROLLERS, OIDC_PROVIDERS, oidcMessages } from './oidc';

class IdentityTables implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    private readonly vault: Vault,
  ) {}
  onModuleInit(): Promise<void> {
    return ensureIdentityTables(this.db, (tx) => this.vault.ensureSchema(tx));
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
      ],
      controllers: [IdentityProjection, RelationsProjection, JwksController, ContactsController, ...OIDC_CONTROLLERS],
      providers: [
        { provide: CLOCK, useValue: systemClock },
        { provide: IDENTITY_CONFIG, useExisting: PLATFORM_CONFIG },
        { provide: Vault, useFactory: (db: Pool) => new Vault(db, { schema: 'identity', masterKeys: config.masterKeys }), inject: [PG_POOL] },
        IdentityTables,
        AccountsRepository,
        ContactDirectory,
        SessionsRepository,
        LoginThrottlesRepository,
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
        ErasureEffects,
        ErasePersonHandler,
        UpdateProfileHandler,
        StaffQueries,
        MailOutboxRepository,
        MailTransport,
        MailSender,
        StaffInvitations,
        AcceptInvitationHandler,
        StaffDirectory,
        AgencySystemsRepository,
        NameClaimsRepository,
        AgencySystems,
        PersonalDataQueries,
        AccessAudit,
        PersonalDataAccess,
        IdentityResolver,
        StaffResolver,
        AgencySystemsResolver,
        PersonalDataResolver,
        SigningKeysResolver,
        ...OIDC_PROVIDERS,
      ],
    };
  }
}
