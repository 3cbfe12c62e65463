import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

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
