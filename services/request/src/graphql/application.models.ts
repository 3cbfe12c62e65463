import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

/**
 * Catalogue's entity, referenced by the version an application was submitted under. Request only
 * names it (`resolvable: false`): the gateway asks catalogue for everything else.
 */
@ObjectType()
@Directive('@key(fields: "id version", resolvable: false)')
export class Service {
  @Field(() => ID)
  id!: string;
  @Field(() => Int)
  version!: number;
}

@ObjectType({ description: 'One step of an application: status, time, who (by role) and an optional note' })
export class TimelineEntry {
  @Field()
  status!: string;
  @Field()
  at!: Date;
  @Field()
  actorRole!: string;
  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: 'An application (permohonan) for a published version of a service' })
export class Application {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'Short number to quote and track, e.g. SRG-26-7K3F9Q-X' })
  trackingNumber!: string;
  @Field()
  status!: string;
  @Field(() => Int, { description: 'Number of steps so far; officers name it when they act' })
  version!: number;
  @Field({ description: 'When the service level (SLA) ends: the close of a working day in Asia/Jakarta' })
  dueAt!: Date;
  @Field()
  submittedAt!: Date;
  @Field(() => [TimelineEntry])
  timeline!: TimelineEntry[];
  /** Resolved into `service` (see ApplicationResolver). */
  serviceId!: string;
  serviceVersion!: number;
}

@ObjectType({ description: 'A step as anyone holding the tracking number sees it' })
export class TrackingEntry {
  @Field()
  status!: string;
  @Field()
  at!: Date;
}

@ObjectType({ description: 'Public tracking: status and step times only, nothing about the applicant' })
export class TrackingResult {
  @Field()
  trackingNumber!: string;
  @Field()
  status!: string;
  @Field(() => [TrackingEntry])
  timeline!: TrackingEntry[];
}

@InputType()
export class SubmitApplicationInput {
  @Field(() => ID)
  serviceId!: string;
  @Field({ description: "The form's answers as JSON text, checked against the service's published form schema" })
  formData!: string;
  @Field(() => [ID], { nullable: true, description: 'Ids of documents uploaded with POST /uploads' })
  documentIds?: string[] | null;
  @Field({ description: 'Chosen by the client per submission; a resend with the same key returns the first result' })
  idempotencyKey!: string;
}
