import { Directive, Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A person with an account: citizen, officer, agency admin or platform admin' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
  @Field(() => [String], { description: 'CITIZEN, OFFICER, AGENCY_ADMIN, PLATFORM_ADMIN, AGENCY_SYSTEM' })
  roles!: string[];
  @Field(() => ID, { nullable: true, description: 'The agency an officer or agency admin works for' })
  agencyId?: string;
  @Field({ nullable: true, description: 'Only for the person themself (`me`); never through an entity reference' })
  name?: string;
  @Field({ nullable: true, description: 'Only for the person themself (`me`)' })
  email?: string;
  @Field({ nullable: true, description: 'Only for the person themself (`me`), as +62…' })
  phone?: string;
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
