import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Agency, Service } from './catalogue.models';

export enum ServiceLifecycleStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}
registerEnumType(ServiceLifecycleStatus, {
  name: 'ServiceLifecycleStatus',
  description: 'DRAFT: never published; PUBLISHED: a version is in force (a draft of the next may exist); RETIRED: no new applications',
});

@ObjectType({ description: 'The version being edited; it replaces nothing until it is published' })
export class ServiceDraft {
  @Field(() => Int, { description: 'The version it becomes when published' })
  version!: number;
  @Field({ description: "Name in the caller's language" })
  name!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field({ description: 'The definition document as saved (JSON text, docs/service-definitions.md)' })
  definitionJson!: string;
  @Field()
  savedAt!: Date;
}

@ObjectType({
  description: "A service as its agency manages it: lifecycle, the version in force and the draft (the agency's staff and platform admins only)",
})
export class ManagedService {
  @Field(() => ID)
  id!: string;
  @Field()
  code!: string;
  @Field(() => Agency)
  agency!: Agency;
  @Field(() => ServiceLifecycleStatus)
  status!: ServiceLifecycleStatus;
  @Field(() => Int, { description: 'Changes so far; pass it as expectedRevision to change the service only as you saw it' })
  revision!: number;
  @Field({ description: "Name in the caller's language (the draft's, while there is one)" })
  name!: string;
  @Field(() => Service, { nullable: true, description: 'The version in force (or, once retired, the last one); null before the first publication' })
  published!: Service | null;
  @Field(() => ServiceDraft, { nullable: true })
  draft!: ServiceDraft | null;
  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;
}

@InputType({ description: 'A new service: its code and names, and its definition document as JSON text' })
export class CreateServiceDraftInput {
  @Field(() => ID, { nullable: true, description: "The service's agency; agency admins may leave it out (their own), platform admins name it" })
  agencyId?: string | null;
  @Field({ description: 'Short code, e.g. AK1; with the agency it makes the service id (disnakertrans-ak1) and never changes' })
  code!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field({ description: 'The definition document (docs/service-definitions.md) as JSON text' })
  definitionJson!: string;
}

@InputType({ description: 'The whole draft as it should be saved: names and definition document' })
export class UpdateServiceDraftInput {
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field({ description: 'The definition document (docs/service-definitions.md) as JSON text' })
  definitionJson!: string;
}
