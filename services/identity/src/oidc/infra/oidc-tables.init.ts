import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import { ensureOidcTables } from './oidc.tables';

/** Creates single sign-on's tables at start-up (before the projection and the provider use them). */
@Injectable()
export class OidcTables implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  onModuleInit(): Promise<void> {
    return ensureOidcTables(this.db);
  }
}
