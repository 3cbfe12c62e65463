import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

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
