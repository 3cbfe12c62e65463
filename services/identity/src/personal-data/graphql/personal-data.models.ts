import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

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
