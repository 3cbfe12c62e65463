import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: "The respondent's profile, as the regulation's questionnaire asks it; every field optional" })
export class RespondentProfileInput {
  @Field(() => String, { nullable: true, description: 'UNDER_20, 20_29, 30_39, 40_49, 50_59, 60_PLUS' })
  ageGroup?: string;
  @Field(() => String, { nullable: true, description: 'MALE, FEMALE' })
  sex?: string;
  @Field(() => String, { nullable: true, description: 'SD, SMP, SMA, D1_D3, D4_S1, S2_PLUS' })
  education?: string;
  @Field(() => String, { nullable: true, description: 'PNS, TNI_POLRI, SWASTA, WIRAUSAHA, PELAJAR_MAHASISWA, LAINNYA' })
  occupation?: string;
}

@InputType({
  description:
    'The satisfaction survey of a finished application (applicationId + nine scores), or critique/suggestions about an agency or service on their own',
})
export class GiveFeedbackInput {
  @Field(() => ID, { nullable: true, description: 'A completed or rejected application of the caller: answers its survey (once)' })
  applicationId?: string;
  @Field(() => ID, { nullable: true, description: 'Without applicationId: the agency the comment is about' })
  agencyId?: string;
  @Field(() => ID, { nullable: true, description: 'Without applicationId: the service the comment is about' })
  serviceId?: string;
  @Field(() => [Int], { nullable: true, description: 'U1..U9 in the order of surveyElements, each 1–4 (survey only)' })
  scores?: number[];
  @Field(() => RespondentProfileInput, { nullable: true })
  profile?: RespondentProfileInput;
  @Field(() => String, { nullable: true, description: 'Kritik (at most 2000 characters)' })
  critique?: string;
  @Field(() => String, { nullable: true, description: 'Saran (at most 2000 characters)' })
  suggestion?: string;
  @Field(() => String, { nullable: true, description: 'Comments: a resend with the same key answers the first comment' })
  idempotencyKey?: string;
}

@ObjectType({ description: "A citizen's feedback as its author sees it" })
export class Feedback {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'SURVEY or COMMENT' })
  kind!: string;
  @Field(() => ID, { nullable: true })
  applicationId!: string | null;
  @Field(() => ID)
  agencyId!: string;
  @Field(() => ID, { nullable: true })
  serviceId!: string | null;
  @Field(() => [Int])
  scores!: number[];
  @Field(() => String, { nullable: true })
  critique!: string | null;
  @Field(() => String, { nullable: true })
  suggestion!: string | null;
  @Field()
  givenAt!: Date;
}

@ObjectType({ description: 'Critique and suggestions as an agency reads them: never who gave them' })
export class FeedbackComment {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'SURVEY (given with a survey answer) or COMMENT' })
  kind!: string;
  @Field(() => ID)
  agencyId!: string;
  @Field(() => ID, { nullable: true })
  serviceId!: string | null;
  @Field(() => String, { nullable: true, description: 'Null when none was given, or the author was erased' })
  critique!: string | null;
  @Field(() => String, { nullable: true })
  suggestion!: string | null;
  @Field()
  givenAt!: Date;
}

@ObjectType()
export class FeedbackCommentPage {
  @Field(() => [FeedbackComment])
  comments!: FeedbackComment[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for older comments; null at the end' })
  nextCursor!: string | null;
}

@InputType()
export class FeedbackCommentsFilter {
  @Field(() => ID, { nullable: true, description: 'Platform admins: one agency (default all); staff: their own only' })
  agencyId?: string;
  @Field(() => ID, { nullable: true })
  serviceId?: string;
  @Field(() => Date, { nullable: true, description: 'Given at or after' })
  from?: Date;
  @Field(() => Date, { nullable: true, description: 'Given before' })
  to?: Date;
  @Field(() => Int, { nullable: true, description: '1–100, default 20' })
  first?: number;
  @Field(() => String, { nullable: true })
  after?: string;
}

@ObjectType({ description: 'One element (unsur) of the satisfaction survey, in the order scores are given' })
export class SurveyElement {
  @Field()
  code!: string;
  @Field({ description: "Its name in the caller's language" })
  name!: string;
}
