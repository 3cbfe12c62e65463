import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { FeedbackReader } from '../application/feedback-reader';
import { GiveFeedbackHandler } from '../application/give-feedback';
import { SURVEY_ELEMENTS } from '../domain/survey';
import { Feedback, FeedbackCommentPage, FeedbackCommentsFilter, GiveFeedbackInput, SurveyElement } from './feedback.models';

/** Citizens give feedback (survey or comment); agencies read their comments, platform admins all. */
@Resolver(() => Feedback)
export class FeedbackResolver {
  constructor(
    private readonly give: GiveFeedbackHandler,
    private readonly reader: FeedbackReader,
  ) {}

  @Mutation(() => Feedback, {
    description: 'Citizens: the satisfaction survey (IKM) of a finished application, once; or critique/suggestions about an agency or service',
  })
  async giveFeedback(@Args('input') input: GiveFeedbackInput, @Context() ctx: RequestContext): Promise<Feedback> {
    // Staff read feedback, never give it (the decider refuses them too).
    const user = requireUser(ctx, 'CITIZEN');
    const state = await this.give.execute(
      {
        applicationId: input.applicationId,
        agencyId: input.agencyId,
        serviceId: input.serviceId,
        scores: input.scores,
        profile: input.profile ?? undefined,
        critique: input.critique,
        suggestion: input.suggestion,
        idempotencyKey: input.idempotencyKey,
      },
      { id: user.id, role: 'CITIZEN' },
      currentTraceparent(ctx.traceparent),
    );
    return {
      id: state.feedbackId,
      kind: state.kind,
      applicationId: state.applicationId || null,
      agencyId: state.agencyId,
      serviceId: state.serviceId || null,
      scores: [...state.scores],
      critique: await this.reader.open(state.respondentId, `feedback:${state.feedbackId}:critique`, state.critiqueCiphertext),
      suggestion: await this.reader.open(state.respondentId, `feedback:${state.feedbackId}:suggestion`, state.suggestionCiphertext),
      givenAt: new Date(state.givenAt),
    };
  }

  @Query(() => FeedbackCommentPage, {
    description: "Critique and suggestions, newest first, without their authors: officers and agency admins their agency's, platform admins all",
  })
  feedbackComments(
    @Args('filter', { type: () => FeedbackCommentsFilter, nullable: true }) filter: FeedbackCommentsFilter | undefined,
    @Context() ctx: RequestContext,
  ): Promise<FeedbackCommentPage> {
    const user = requireUser(ctx, 'OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN');
    const f = filter ?? {};
    return this.reader.comments(user, {
      agencyId: f.agencyId,
      serviceId: f.serviceId,
      from: f.from,
      to: f.to,
      first: f.first,
      after: f.after,
    });
  }

  @Query(() => [SurveyElement], { description: 'The nine elements of the satisfaction survey (PermenPAN-RB 14/2017), in order' })
  surveyElements(@Context() ctx: RequestContext): SurveyElement[] {
    return SURVEY_ELEMENTS.map((e) => ({ code: e.code, name: ctx.lang === 'en' ? e.nameEn : e.nameId }));
  }
}
