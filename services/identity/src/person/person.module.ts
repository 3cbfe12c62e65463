import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CLOCK, PG_POOL, PLATFORM_CONFIG, systemClock } from '@serang/platform';
import { Vault } from '@serang/vault';
import type { Pool } from 'pg';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { AccountOpening } from './application/account-opening';
import { ErasureEffects } from './application/erasure-effects';
import { IdentityProjection } from './application/identity.projection';
import { PersonReader } from './application/person-reader';
import { AccountsRepository } from './infra/accounts.repository';
import { ensureIdentityTables } from './infra/identity.tables';
import { NameClaimsRepository } from './infra/name-claims.repository';
import { PasswordHasher } from './infra/password-hasher';

class IdentityTables implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    private readonly vault: Vault,
  ) {}
  onModuleInit(): Promise<void> {
    return ensureIdentityTables(this.db, (tx) => this.vault.ensureSchema(tx));
  }
}

const SHARED = [
  { provide: CLOCK, useValue: systemClock },
  { provide: IDENTITY_CONFIG, useExisting: PLATFORM_CONFIG },
  {
    provide: Vault,
    useFactory: (db: Pool, config: IdentityConfig) => new Vault(db, { schema: 'identity', masterKeys: config.masterKeys }),
    inject: [PG_POOL, PLATFORM_CONFIG],
  },
  AccountsRepository,
  PasswordHasher,
  AccountOpening,
  PersonReader,
  ErasureEffects,
  NameClaimsRepository,
];

/**
 * The person at the core of identity: the Person aggregate, its tables and read model, the vault
 * that holds personal data, and what every other feature needs of a person (accounts, password
 * hashes, the stream reader, unique names). Imports no other feature.
 */
@Module({
  controllers: [IdentityProjection],
  providers: [IdentityTables, ...SHARED],
  exports: SHARED.map((p) => ('provide' in p ? p.provide : p)),
})
export class PersonModule {}
