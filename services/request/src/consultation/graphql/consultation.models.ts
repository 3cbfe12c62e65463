import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'A message: the client chooses its id (a UUID), so resending it never posts it twice' })
export class ConsultationMessageInput {
  @Field(() => ID)
  messageId!: string;
  @Field(() => String, { nullable: true, description: 'At most 4000 characters; a message has text, attachments or both' })
  text?: string;
  @Field(() => [ID], { nullable: true, description: "Ids of the author's own uploads (POST /uploads), at most 5" })
  attachmentIds?: string[];
}

@InputType({ description: 'A thread with an agency, named or found from a service or one of your applications' })
export class OpenConsultationInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client (a UUID) to make a resend safe; generated otherwise' })
  id?: string;
  @Field(() => ID, { nullable: true })
  agencyId?: string;
  @Field(() => ID, { nullable: true })
  serviceId?: string;
  @Field(() => ID, { nullable: true })
  applicationId?: string;
  @Field({ description: 'At most 200 characters' })
  subject!: string;
  @Field(() => ConsultationMessageInput, { description: 'The first message' })
  message!: ConsultationMessageInput;
}

@ObjectType({ description: 'A consultation thread between a citizen and an agency' })
export class ConsultationThread {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  agencyId!: string;
  @Field(() => ID, { nullable: true })
  serviceId!: string | null;
  @Field(() => ID, { nullable: true })
  applicationId!: string | null;
  @Field(() => String, { nullable: true, description: 'Null once the citizen was erased' })
  subject!: string | null;
  @Field({ description: 'OPEN or CLOSED (closed threads stay readable)' })
  status!: string;
  @Field(() => ID, { nullable: true, description: 'Staff only: the officer who claimed it' })
  assigneeId!: string | null;
  @Field()
  claimed!: boolean;
  @Field(() => Int, { description: 'Number of the last message' })
  lastSeq!: number;
  @Field(() => Int, { description: 'Read receipt: the citizen has read up to this message' })
  citizenReadSeq!: number;
  @Field(() => Int, { description: 'Read receipt: the agency has read up to this message' })
  agencyReadSeq!: number;
  @Field(() => Int, { description: "Messages the caller's side has not read" })
  unread!: number;
  @Field()
  openedAt!: Date;
  @Field({ description: 'Pass the largest one seen as `since` to poll for changes' })
  updatedAt!: Date;
}

@ObjectType()
export class ConsultationMessage {
  @Field(() => ID)
  id!: string;
  @Field(() => Int, { description: "The message's number in its thread: read on with `after`" })
  seq!: number;
  @Field({ description: 'CITIZEN, OFFICER or AGENCY_ADMIN' })
  authorRole!: string;
  @Field()
  mine!: boolean;
  @Field(() => String, { nullable: true })
  text!: string | null;
  @Field(() => [ID])
  attachmentIds!: string[];
  @Field()
  postedAt!: Date;
}

@InputType()
export class ConsultationsFilter {
  @Field(() => Date, { nullable: true, description: 'Only threads changed after this instant (poll with the largest updatedAt seen)' })
  since?: Date;
  @Field(() => Boolean, { nullable: true, description: 'Staff: only threads nobody claimed' })
  unclaimed?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Staff: only threads the caller claimed' })
  assignedToMe?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Default true' })
  includeClosed?: boolean;
  @Field(() => Int, { nullable: true, description: '1–100, default 20' })
  first?: number;
}
