import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type AuthUser, type Clock } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { maskEmail } from '../../personal-data';
import { agencyInScope, assertManagesAgency } from '../../person';
import { MailOutboxRepository, type DeliveryStatus } from '../infra/mail-outbox.repository';
import { StaffQueries } from '../infra/staff.queries';
import { INVITATION_MAIL } from './staff-invitations';

export type StaffStatus = 'INVITED' | 'INVITATION_EXPIRED' | 'INVITATION_REVOKED' | 'ACTIVE';

export interface StaffMemberView {
  id: string;
  name?: string;
  maskedEmail?: string;
  roles: string[];
  agencyId?: string;
  status: StaffStatus;
  invitedAt?: Date;
  expiresAt?: Date;
  joinedAt?: Date;
  invitationDelivery?: DeliveryStatus;
}

/**
 * An agency's staff and pending invitations, for that agency's admins and platform admins.
 * Names are shown (they are colleagues' work identities); e-mail addresses only masked.
 */
@Injectable()
export class StaffDirectory {
  constructor(
    private readonly staff: StaffQueries,
    private readonly outbox: MailOutboxRepository,
    private readonly vault: Vault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(caller: AuthUser, agencyId: string | undefined): Promise<StaffMemberView[]> {
    const agency = agencyInScope(caller, agencyId); // none, for a platform admin: the platform admins
    assertManagesAgency(caller, agency);
    const rows = await this.staff.staffOf(agency);
    const delivery = await this.outbox.statusOf(
      INVITATION_MAIL,
      rows.filter((r) => r.status === 'INVITED').map((r) => r.id),
    );
    const now = this.clock.now().getTime();
    return Promise.all(
      rows.map(async (r) => {
        const status: StaffStatus =
          r.status === 'INVITED' && r.expires_at && r.expires_at.getTime() <= now ? 'INVITATION_EXPIRED' : (r.status as StaffStatus);
        return {
          id: r.id,
          name: r.name_ciphertext ? await this.open(r.id, 'name', r.name_ciphertext) : undefined,
          maskedEmail: r.email_ciphertext ? maskEmailOrNothing(await this.open(r.id, 'email', r.email_ciphertext)) : undefined,
          roles: r.roles,
          agencyId: r.agency_id ?? undefined,
          status,
          invitedAt: r.invited_by ? r.created_at : undefined,
          expiresAt: r.status === 'INVITED' ? (r.expires_at ?? undefined) : undefined,
          joinedAt: r.joined_at ?? undefined,
          invitationDelivery: delivery.get(r.id),
        };
      }),
    );
  }

  private async open(personId: string, field: string, ciphertext: string): Promise<string | undefined> {
    try {
      return await this.vault.decrypt(personId, field, ciphertext);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return undefined;
      throw e;
    }
  }
}

const maskEmailOrNothing = (email: string | undefined) => (email ? maskEmail(email) : undefined);
