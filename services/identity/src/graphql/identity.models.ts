import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A person with an account: citizen, officer, agency admin or platform admin' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
  @Field(() => [String], { description: 'CITIZEN, OFFICER, AGENCY_ADMIN, PLATFORM_ADMIN, AGENCY_SYSTEM' })
  roles!: string[];
  @Field(() => ID, { nullable: true, description: 'The agency an officer or agency admin works for' })
  agencyId?: string;
  @Field({ nullable: true, description: 'The person themself; staff of an agency the person has business with (audited); else null' })
  name?: string;
  @Field({ nullable: true, description: 'NIK with the district and birth date hidden (3604********0001): the person themself, or staff as for name' })
  maskedNik?: string;
  @Field({ nullable: true, description: 'Only for the person themself' })
  email?: string;
  @Field({ nullable: true, description: 'Only for the person themself, as +62…' })
  phone?: string;
  @Field({ nullable: true, description: 'Only for the person themself' })
  address?: string;
  @Field({ nullable: true, description: 'Only for the person themself (YYYY-MM-DD)' })
  birthDate?: string;
}

@ObjectType({ description: 'A new session: a short-lived access token and the refresh token that renews it' })
export class AuthPayload {
  @Field({ description: 'ES256 JWT for `Authorization: Bearer …`' })
  accessToken!: string;
  @Field({ description: 'Opaque; keep it secret, it renews the session' })
  refreshToken!: string;
  @Field()
  accessTokenExpiresAt!: Date;
  @Field(() => User)
  user!: User;
}

@InputType()
export class RegisterCitizenInput {
  @Field({ description: 'NIK: the 16 digits on the KTP' })
  nik!: string;
  @Field({ description: 'Full name as on the KTP' })
  name!: string;
  @Field()
  email!: string;
  @Field({ description: 'Indonesian phone number, e.g. 0812…, 62812… or +62812…' })
  phone!: string;
  @Field({ description: 'At least 10 characters, with letters and digits' })
  password!: string;
}

@InputType()
export class LoginInput {
  @Field({ description: 'E-mail address or NIK' })
  login!: string;
  @Field()
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  currentPassword!: string;
  @Field({ description: 'At least 10 characters, with letters and digits' })
  newPassword!: string;
}

@InputType({ description: 'Only the fields given change; the NIK never does' })
export class UpdateProfileInput {
  @Field({ nullable: true })
  name?: string;
  @Field({ nullable: true, description: 'Must not belong to another account' })
  email?: string;
  @Field({ nullable: true })
  phone?: string;
  @Field({ nullable: true, description: 'Street address, village (desa/kelurahan), district (kecamatan)' })
  address?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  birthDate?: string;
}

@InputType()
export class EraseMyDataInput {
  @Field({ description: 'The current password, to confirm' })
  password!: string;
}

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

@InputType()
export class RegisterAgencySystemInput {
  @Field(() => ID)
  agencyId!: string;
  @Field({ description: "The system's name, e.g. SIAK Disdukcapil" })
  name!: string;
}

@ObjectType({ description: "An agency's own system, a machine client of the platform" })
export class AgencySystem {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  agencyId!: string;
  @Field()
  name!: string;
  @Field({ description: 'ACTIVE or REVOKED' })
  status!: string;
  @Field({ nullable: true })
  clientId?: string;
  @Field()
  registeredAt!: Date;
  @Field({ nullable: true })
  revokedAt?: Date;
}

@ObjectType({ description: 'Shown once: the secret is not stored and cannot be shown again' })
export class AgencySystemCredentials {
  @Field(() => AgencySystem)
  system!: AgencySystem;
  @Field()
  clientId!: string;
  @Field()
  clientSecret!: string;
}

@InputType()
export class AgencySystemTokenInput {
  @Field()
  clientId!: string;
  @Field()
  clientSecret!: string;
}

@ObjectType({ description: 'An access token for an agency system (client credentials grant)' })
export class AgencySystemToken {
  @Field()
  accessToken!: string;
  @Field()
  expiresAt!: Date;
  @Field()
  tokenType!: string;
}

@ObjectType({ description: "A person's full personal data, unmasked: every read is in the audit trail" })
export class PersonalData {
  @Field(() => ID)
  subjectId!: string;
  @Field({ nullable: true })
  nik?: string;
  @Field({ nullable: true })
  name?: string;
  @Field({ nullable: true })
  email?: string;
  @Field({ nullable: true })
  phone?: string;
  @Field({ nullable: true })
  address?: string;
  @Field({ nullable: true })
  birthDate?: string;
}

@InputType()
export class PersonalDataAccessFilter {
  @Field(() => ID, { nullable: true })
  subjectId?: string;
  @Field(() => ID, { nullable: true })
  actorId?: string;
  @Field({ nullable: true })
  from?: Date;
  @Field({ nullable: true })
  to?: Date;
  @Field(() => Int, { nullable: true, description: 'At most 500; default 100' })
  first?: number;
}

@ObjectType({ description: 'One read of personal data: who, whose, what, why and when' })
export class PersonalDataAccess {
  @Field(() => ID)
  id!: string;
  @Field()
  at!: Date;
  @Field(() => ID)
  subjectId!: string;
  @Field(() => ID)
  actorId!: string;
  @Field()
  actorRole!: string;
  @Field(() => ID, { nullable: true })
  actorAgencyId?: string;
  @Field({ description: 'The service that showed it' })
  service!: string;
  @Field({ description: 'VIEW_SUMMARY, REVEAL, FORM_READ, DOCUMENT_READ, OIDC_CLAIMS' })
  purpose!: string;
  @Field(() => [String])
  fields!: string[];
  @Field({ nullable: true, description: 'The reason the reader gave (gone once the person is erased)' })
  reason?: string;
  @Field(() => ID, { nullable: true })
  applicationId?: string;
}

@ObjectType({ description: "A key of identity's JWKS" })
export class SigningKey {
  @Field()
  kid!: string;
  @Field()
  createdAt!: Date;
  @Field({ nullable: true })
  retiredAt?: Date;
  @Field({ description: 'CURRENT (signs), VERIFY_ONLY (retired, still in the JWKS), EXPIRED' })
  status!: string;
}
