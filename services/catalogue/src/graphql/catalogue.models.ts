import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An agency (OPD) of the regency' })
@Directive('@key(fields: "id")')
export class Agency {
  @Field(() => ID)
  id!: string;
  @Field()
  code!: string;
  @Field({ description: "Name in the caller's language (Accept-Language)" })
  name!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
}

@ObjectType({ description: 'A digital public service, as published in one version' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "id version")')
export class Service {
  @Field(() => ID)
  id!: string;
  @Field(() => Int)
  version!: number;
  @Field()
  code!: string;
  @Field({ description: "Name in the caller's language" })
  name!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field(() => Agency)
  agency!: Agency;
  @Field(() => Int)
  slaWorkingDays!: number;
  @Field(() => [String])
  requiredDocuments!: string[];
  @Field({ description: 'The application form as JSON Schema (JSON text)' })
  formSchema!: string;
  @Field()
  publishedAt!: Date;
}

@InputType()
export class ServiceFilter {
  @Field(() => ID, { nullable: true })
  agencyId?: string;
  @Field({ nullable: true, description: 'Words in the name or code' })
  search?: string;
}
