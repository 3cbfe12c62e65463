import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Fee, RequiredDocument, WorkflowView } from './definition-parts.models';

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

@ObjectType({ description: 'A digital public service, as published in one version (immutable)' })
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
  @Field({ description: "Description in the caller's language" })
  description!: string;
  @Field()
  descriptionId!: string;
  @Field()
  descriptionEn!: string;
  @Field(() => Int, { description: 'The overall promise: the close of the Nth working day after submission' })
  slaWorkingDays!: number;
  @Field(() => Fee)
  fee!: Fee;
  @Field(() => [RequiredDocument])
  requiredDocuments!: RequiredDocument[];
  @Field({ description: 'The application form as JSON Schema (JSON text)' })
  formSchema!: string;
  @Field(() => WorkflowView)
  workflow!: WorkflowView;
  @Field({ description: 'The whole definition document of this version (JSON text), e.g. to start the next draft from it' })
  definitionJson!: string;
  @Field()
  publishedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the service was retired: it takes no new applications' })
  retiredAt!: Date | null;
  @Field({ description: 'New applications go to this version: the latest published version of a service that is not retired' })
  acceptsApplications!: boolean;
}

@InputType()
export class ServiceFilter {
  @Field(() => ID, { nullable: true })
  agencyId?: string;
  @Field({ nullable: true, description: 'Words in the name or code' })
  search?: string;
  @Field({ nullable: true, description: 'Also list retired services (default: only those taking applications)' })
  includeRetired?: boolean;
}
