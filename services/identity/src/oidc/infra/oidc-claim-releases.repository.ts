import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { PersonalClaim } from '../domain/oidc-scopes';

/** One release of a citizen's personal claims to an agency app: who received which claims of whom, and when. */
export interface ClaimRelease {
  clientId: string;
  agencyId: string;
  personId: string;
  /** The pairwise subject the agency knows the citizen by (so an agency's question can be traced). */
  subject: string;
  /** Claim names only, never their values. */
  claims: readonly PersonalClaim[];
  channel: 'userinfo' | 'id_token';
  releasedAt: Date;
}

/**
 * The audit trail of personal data read out through single sign-on: `identity.oidc_claim_releases`,
 * append-only (the table refuses updates and deletes). Kept to this one small repository so it can
 * be folded into the platform's audit log later without hunting for writers.
 */
@Injectable()
export class OidcClaimReleasesRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async record(r: ClaimRelease): Promise<void> {
    await this.db.query(
      `insert into identity.oidc_claim_releases (released_at, client_id, agency_id, person_id, subject, claims, channel) values ($1, $2, $3, $4, $5, $6, $7)`,
      [r.releasedAt, r.clientId, r.agencyId, r.personId, r.subject, [...r.claims], r.channel],
    );
  }
}
