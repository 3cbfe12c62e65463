import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@InputType()
export class InviteStaffInput {
  @Field({ description: 'Where the invitation link is sent (a work address)' })
  email!: string;
  @Field(() => [String], { description: 'OFFICER and/or AGENCY_ADMIN (with agencyId), or PLATFORM_ADMIN (without)' })
  roles!: string[];
  @Field(() => ID, { nullable: true, description: 'Agency admins may leave it out: their own agency' })
  agencyId?: string;
}

@InputType()
export class AcceptStaffInvitationInput {
  @Field({ description: 'The token from the invitation link (after #token=)' })
  token!: string;
  @Field({ description: 'Full name' })
  name!: string;
  @Field({ description: 'At least 10 characters, with letters and digits' })
  password!: string;
}

@ObjectType({ description: 'An invitation that was sent; the link itself only ever travels in the e-mail' })
export class StaffInvitation {
  @Field(() => ID, { description: 'The invited person id (also their account id once accepted)' })
  id!: string;
  @Field(() => [String])
  roles!: string[];
  @Field(() => ID, { nullable: true })
  agencyId?: string;
  @Field()
  expiresAt!: Date;
}

@ObjectType({ description: 'A member of staff, or someone invited to become one' })
export class StaffMember {
  @Field(() => ID)
  id!: string;
  @Field({ nullable: true })
  name?: string;
  @Field({ nullable: true, description: 'e.g. b***@serangkab.go.id' })
  maskedEmail?: string;
  @Field(() => [String])
  roles!: string[];
  @Field(() => ID, { nullable: true })
  agencyId?: string;
  @Field({ description: 'INVITED, INVITATION_EXPIRED, INVITATION_REVOKED or ACTIVE' })
  status!: string;
  @Field({ nullable: true })
  invitedAt?: Date;
  @Field({ nullable: true })
  expiresAt?: Date;
  @Field({ nullable: true })
  joinedAt?: Date;
  @Field({ nullable: true, description: 'Of the latest invitation e-mail: PENDING, SENT or FAILED' })
  invitationDelivery?: string;
}
