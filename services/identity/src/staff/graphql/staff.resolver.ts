import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { AcceptInvitationHandler } from '../application/accept-invitation';
import { StaffDirectory } from '../application/staff-directory';
import { StaffInvitations } from '../application/staff-invitations';
import { STAFF_ROLES, type StaffRole } from '../../person';
import { InvalidInput } from '../../person';
import { assertUuid } from '../../person';
import { AuthPayload } from '../../sessions';
import { AcceptStaffInvitationInput, InviteStaffInput, StaffInvitation, StaffMember } from './staff.models';

function staffRoles(roles: string[]): StaffRole[] {
  const bad = roles.filter((r) => !STAFF_ROLES.includes(r as StaffRole));
  if (bad.length) throw new InvalidInput({ roles: 'IDENTITY.INVALID_STAFF_ROLES' });
  return roles as StaffRole[];
}

/** Staff accounts come by invitation: admins invite, the invited accept through the e-mailed link. */
@Resolver()
export class StaffResolver {
  constructor(
    private readonly invitations: StaffInvitations,
    private readonly accept: AcceptInvitationHandler,
    private readonly directory: StaffDirectory,
  ) {}

  @Mutation(() => StaffInvitation, {
    description: "Agency admins (their agency's officers and admins) and platform admins: e-mails a single-use, expiring invitation link",
  })
  async inviteStaff(@Args('input') input: InviteStaffInput, @Context() ctx: RequestContext): Promise<StaffInvitation> {
    const user = requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN');
    const agencyId = input.agencyId ?? (user.roles.includes('PLATFORM_ADMIN') ? undefined : user.agency);
    const v = await this.invitations.invite(
      user,
      { email: input.email, roles: staffRoles(input.roles), agencyId },
      currentTraceparent(ctx.traceparent),
    );
    return { id: v.personId, roles: v.roles, agencyId: v.agencyId, expiresAt: v.expiresAt };
  }

  @Mutation(() => StaffInvitation, { description: 'Sends a fresh link for a pending (or expired) invitation; the earlier link stops working' })
  async renewStaffInvitation(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<StaffInvitation> {
    assertUuid(id, 'id');
    const v = await this.invitations.renew(requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN'), id, currentTraceparent(ctx.traceparent));
    return { id: v.personId, roles: v.roles, agencyId: v.agencyId, expiresAt: v.expiresAt };
  }

  @Mutation(() => Boolean, { description: 'Withdraws a pending invitation' })
  async revokeStaffInvitation(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<boolean> {
    assertUuid(id, 'id');
    await this.invitations.revoke(requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN'), id, currentTraceparent(ctx.traceparent));
    return true;
  }

  @Mutation(() => AuthPayload, { description: 'The invited person creates their account from the link, and is signed in' })
  acceptStaffInvitation(@Args('input') input: AcceptStaffInvitationInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return this.accept.handle(input, currentTraceparent(ctx.traceparent));
  }

  @Query(() => [StaffMember], {
    description: "An agency's staff and invitations (agency admins: their own; platform admins: any, or the platform admins without agencyId)",
  })
  staff(@Args('agencyId', { type: () => ID, nullable: true }) agencyId: string | undefined, @Context() ctx: RequestContext): Promise<StaffMember[]> {
    return this.directory.list(requireUser(ctx, 'AGENCY_ADMIN', 'PLATFORM_ADMIN'), agencyId ?? undefined);
  }
}
