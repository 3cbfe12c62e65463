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

/** Identity's entity: request names the applicant; identity decides what the caller may see of them. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'One step of an application: status, time, who (by role), the action and an optional note' })
export class TimelineEntry {
  @Field()
  status!: string;
  @Field({ nullable: true, description: "The status's name in the caller's language" })
  statusName?: string;
  @Field()
  at!: Date;
  @Field()
  actorRole!: string;
  @Field({ description: 'SUBMIT, CLAIM, RESUBMIT, CANCEL or a workflow action (APPROVE, REQUEST_REVISION…)' })
  action!: string;
  @Field(() => String, { nullable: true, description: 'The note or reason given (for the applicant and the agency staff only)' })
  note!: string | null;
  /** The version this step made (binds its note's ciphertext). */
  version!: number;
}

@ObjectType({ description: 'An uploaded document attached for one of the service requirements' })
export class AttachedDocument {
  @Field({ description: 'The requirement code, e.g. KTP' })
  requirement!: string;
  @Field(() => ID, { description: 'GET /uploads/{documentId} downloads it (the applicant; the agency staff, audited)' })
  documentId!: string;
}

@ObjectType({ description: 'An action the caller can take on the application now' })
export class AvailableAction {
  @Field()
  code!: string;
  @Field()
  name!: string;
  @Field()
  requiresNote!: boolean;
  @Field()
  requiresOutputReference!: boolean;
}

@ObjectType({ description: 'An application (permohonan) for a published version of a service' })
export class Application {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'Short number to quote and track, e.g. SRG-26-7K3F9Q-X' })
  trackingNumber!: string;
  @Field({ description: "A state code of the service's workflow, or CANCELLED" })
  status!: string;
  @Field(() => Int, { description: 'Number of steps so far; officers name it when they act' })
  version!: number;
  @Field(() => Date, {
    nullable: true,
    description:
      'When the service level (SLA) ends, the close of a working day in Asia/Jakarta; null while waiting on the citizen (the clock is paused)',
  })
  dueAt!: Date | null;
  @Field()
  submittedAt!: Date;
  @Field(() => [TimelineEntry])
  timeline!: TimelineEntry[];
  @Field(() => [AttachedDocument])
  documents!: AttachedDocument[];
  @Field({ description: '80 % of the working time has passed (agency staff)' })
  slaWarned!: boolean;
  @Field({ description: 'The SLA ran out before a final decision: escalated to the agency admins' })
  slaBreached!: boolean;
  @Field({ description: 'Completed, rejected or cancelled: nothing more happens' })
  closed!: boolean;
  /** Resolved for the agency's staff only (ApplicationFieldsResolver). */
  assigneeId!: string | null;
  /** Resolved fields (see ApplicationResolver); the rest are internal. */
  serviceId!: string;
  serviceVersion!: number;
  agencyId!: string;
  applicantId!: string;
  formCiphertext?: string;
  outputReferenceCiphertext?: string | null;
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
export class DocumentInput {
  @Field({ description: "The service's requirement this document is for, e.g. KTP" })
  requirement!: string;
  @Field(() => ID, { description: 'The id POST /uploads answered' })
  documentId!: string;
}

@InputType()
export class SubmitApplicationInput {
  @Field(() => ID)
  serviceId!: string;
  @Field({ description: "The form's answers as JSON text, checked against the service's published form schema" })
  formData!: string;
  @Field(() => [DocumentInput], { nullable: true, description: "Uploaded documents for the service's required documents" })
  documents?: DocumentInput[] | null;
  @Field({ description: 'Chosen by the client per submission; a resend with the same key returns the first result' })
  idempotencyKey!: string;
}

@InputType()
export class ResubmitApplicationInput {
  @Field({ description: 'The corrected answers as JSON text (the whole form)' })
  formData!: string;
  @Field(() => [DocumentInput], { nullable: true, description: 'The documents, all of them, corrected or not' })
  documents?: DocumentInput[] | null;
  @Field({ nullable: true, description: 'Recommended: a resend with the same key returns the application instead of resubmitting again' })
  idempotencyKey?: string;
}

@InputType()
export class AgencyQueueFilter {
  @Field(() => ID, { nullable: true })
  serviceId?: string;
  @Field({ nullable: true })
  status?: string;
  @Field(() => Int, { nullable: true, description: 'Due within this many hours and not yet breached ("due soon")' })
  dueWithinHours?: number;
  @Field({ nullable: true, description: 'Only breached (escalated) ones, or only those not breached' })
  breached?: boolean;
  @Field({ nullable: true, description: "Only the caller's own claims" })
  assignedToMe?: boolean;
  @Field({ nullable: true, description: 'Only those nobody has claimed' })
  unassigned?: boolean;
  @Field({ nullable: true, description: 'Include completed, rejected and cancelled ones' })
  includeClosed?: boolean;
  @Field(() => Int, { nullable: true, description: 'Page size, at most 100 (default 50)' })
  first?: number;
  @Field(() => Int, { nullable: true })
  offset?: number;
}
