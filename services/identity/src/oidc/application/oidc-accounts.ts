import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import { AccessAudit } from '../../personal-data';
import { PersonReader } from '../../person';
import { AccountsRepository } from '../../person';
import { personalClaimsFor, type PersonalClaim } from '../domain/oidc-scopes';
import { OidcClaimReleasesRepository } from '../infra/oidc-claim-releases.repository';
import { PairwiseSubjects } from '../infra/oidc-key-derivation';

/** The client a release goes to: the agency app and the agency it belongs to. */
export interface ReleaseTarget {
  clientId: string;
  agencyId: string;
}

const FIELD_OF: Record<PersonalClaim, 'name' | 'email' | 'phone'> = { name: 'name', email: 'email', phone_number: 'phone' };

/**
 * Citizens as the OpenID Connect provider sees them. Personal claims are decrypted only for the
 * scopes the citizen granted, and every release is written to the claim-release trail and the
 * platform's audit trail (PersonalDataAccessed, purpose OIDC_CLAIMS) before the values leave: if
 * a record cannot be written, nothing is released.
 */
@Injectable()
export class OidcAccounts {
  constructor(
    private readonly persons: PersonReader,
    private readonly accounts: AccountsRepository,
    private readonly releases: OidcClaimReleasesRepository,
    private readonly audit: AccessAudit,
    private readonly subjects: PairwiseSubjects,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Only citizens sign in to agency apps; an account that is gone (or a staff account) is no account. */
  async exists(personId: string): Promise<boolean> {
    const state = await this.persons.state(personId);
    return state.exists && state.roles.includes('CITIZEN');
  }

  /**
   * Whether a single sign-on login (at `loginTs`, epoch seconds) predates the account's last
   * password change: whoever knew the old password may hold that session, so the provider asks
   * for a login again, as changePassword ends identity's own sessions.
   */
  async signedInBeforePasswordChange(personId: string, loginTs: number): Promise<boolean> {
    const changedAt = await this.accounts.passwordChangedAt(personId);
    return !!changedAt && Math.floor(changedAt.getTime() / 1000) > loginTs;
  }

  /**
   * The personal claims of `scope` (granted scopes only), minus those the citizen rejected. The ID
   * token never carries them (the provider conforms ID token claims: with an access token issued
   * they come from userinfo), so `id_token` asks release nothing and decrypt nothing.
   */
  async claims(
    personId: string,
    use: string,
    scope: string,
    rejected: readonly string[],
    to: ReleaseTarget,
  ): Promise<Partial<Record<PersonalClaim, string>>> {
    if (use !== 'userinfo') return {};
    const wanted = personalClaimsFor(scope, rejected);
    if (wanted.length === 0) return {};
    // An erased person's fields come back empty: nothing left to release, nothing recorded.
    const profile = await this.persons.decrypted(
      personId,
      wanted.map((claim) => FIELD_OF[claim]),
    );
    const values: Partial<Record<PersonalClaim, string>> = {};
    for (const claim of wanted) {
      const value = profile[FIELD_OF[claim]];
      if (value) values[claim] = value;
    }
    const released = Object.keys(values) as PersonalClaim[];
    if (released.length > 0) {
      await this.releases.record({
        ...to,
        personId,
        subject: this.subjects.of(to.agencyId, personId),
        claims: released,
        channel: 'userinfo',
        releasedAt: this.clock.now(),
      });
      // …and in the platform's one audit trail, beside every other read of personal data.
      await this.audit.record({
        reader: { id: to.clientId, roles: ['OIDC_CLIENT'], agency: to.agencyId },
        subjectId: personId,
        purpose: 'OIDC_CLAIMS',
        fields: released.map((c) => FIELD_OF[c]),
      });
    }
    return values;
  }
}
