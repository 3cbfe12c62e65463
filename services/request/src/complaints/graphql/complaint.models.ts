import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A complaint category (kategori pengaduan) and its SLA, configured by platform admins' })
export class ComplaintCategory {
  @Field()
  code!: string;
  @Field({ description: "The name in the caller's language" })
  name!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field(() => Int, { description: 'Working days the agency has to answer' })
  slaWorkingDays!: number;
  @Field()
  active!: boolean;
}

@ObjectType({ description: 'One step of a complaint: status, time, who (by role) and the agency it was with' })
export class ComplaintStep {
  @Field()
  status!: string;
  @Field({ description: 'FILE, VERIFY, FORWARD, TAKE_UP, ANSWER, REOPEN or CLOSE' })
  action!: string;
  @Field()
  at!: Date;
  @Field()
  actorRole!: string;
  @Field(() => String, { nullable: true })
  agencyId!: string | null;
}

@ObjectType({ description: 'A complaint (pengaduan). Anonymous ones name their complainant to nobody but platform admins handling abuse' })
export class Complaint {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'RECEIVED, VERIFIED, FORWARDED, IN_PROGRESS, ANSWERED or CLOSED' })
  status!: string;
  @Field({ description: "The status's name in the caller's language" })
  statusName!: string;
  @Field(() => Int, { description: 'Steps so far: what an action must name as expectedVersion' })
  version!: number;
  @Field()
  categoryCode!: string;
  @Field(() => String, { nullable: true, description: 'Null until routed ("I don\'t know which agency")' })
  agencyId!: string | null;
  @Field()
  anonymous!: boolean;
  @Field({ description: 'Not published anywhere (the default)' })
  confidential!: boolean;
  @Field({ description: 'How staff call the complainant: the per-complaint pseudonym' })
  complainantLabel!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The complainant of a named complaint (themself, agency staff, platform admins); never for an anonymous one',
  })
  complainantId!: string | null;
  @Field(() => ID, { nullable: true })
  applicationId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The officer who took it up (staff and platform admins only)' })
  assigneeId!: string | null;
  @Field()
  filedAt!: Date;
  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;
  @Field()
  slaWarned!: boolean;
  @Field()
  slaBreached!: boolean;
  @Field()
  reopened!: boolean;
  @Field(() => String, { nullable: true, description: 'What the complainant wrote (one complaint read only; staff reads are audited)' })
  text!: string | null;
  @Field(() => String, { nullable: true })
  location!: string | null;
  @Field(() => String, { nullable: true, description: "The agency's answer" })
  answer!: string | null;
  @Field(() => String, { nullable: true, description: 'Why the complainant reopened it' })
  reopenReason!: string | null;
  @Field(() => String, { nullable: true, description: "SP4N-LAPOR!'s tracking number, once referred there" })
  laporTrackingId!: string | null;
  @Field(() => [ID], { description: 'Uploaded documents (POST /uploads) attached by the complainant' })
  attachmentIds!: string[];
  @Field(() => [ComplaintStep])
  timeline!: ComplaintStep[];
  @Field(() => [String], { description: 'What the caller can do now (VERIFY, FORWARD, TAKE_UP, ANSWER, REOPEN, CLOSE)' })
  availableActions!: string[];
}

@InputType()
export class FileComplaintInput {
  @Field({ description: 'A category code (complaintCategories)' })
  categoryCode!: string;
  @Field()
  text!: string;
  @Field(() => String, { nullable: true })
  location?: string | null;
  @Field(() => [ID], { nullable: true, description: "Ids from POST /uploads (the caller's own)" })
  attachmentIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: "One of the caller's own applications (not with anonymous)" })
  applicationId?: string | null;
  @Field(() => String, { nullable: true, description: 'The agency; null: "I don\'t know which agency"' })
  agencyId?: string | null;
  @Field({ defaultValue: false })
  anonymous!: boolean;
  @Field({ defaultValue: true })
  confidential!: boolean;
  @Field()
  idempotencyKey!: string;
}

@InputType()
export class ComplaintQueueFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Default: the open statuses of the caller (triage: RECEIVED, VERIFIED; agencies: FORWARDED, IN_PROGRESS)',
  })
  statuses?: string[] | null;
  @Field(() => Boolean, { nullable: true })
  breached?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  assignedToMe?: boolean | null;
  @Field(() => Int, { nullable: true })
  first?: number | null;
  @Field(() => Int, { nullable: true })
  offset?: number | null;
}

@InputType()
export class ComplaintCategoryInput {
  @Field()
  code!: string;
  @Field()
  nameId!: string;
  @Field()
  nameEn!: string;
  @Field(() => Int)
  slaWorkingDays!: number;
  @Field({ defaultValue: true })
  active!: boolean;
}
