import { FeedbackProjection } from './application/feedback.projection';
import { FeedbackReader } from './application/feedback-reader';
import { GiveFeedbackHandler } from './application/give-feedback';
import { FeedbackResolver } from './graphql/feedback.resolver';
import { FeedbackQueries } from './infra/feedback.queries';
import { FeedbackTables } from './infra/feedback.tables';
import { feedbackMessages } from './feedback.messages';

/**
 * Feedback and the satisfaction survey (IKM) as a feature of request: its stream category, its
 * projection and its providers. request.module.ts spreads these into its own module, which holds
 * what they share with applications (the vault, the clock, the application streams).
 */
export const FeedbackFeature = {
  /** `feedback-<id>`: request owns it (relayed to serang.request.events) and projects it. */
  categories: ['feedback'],
  messages: feedbackMessages,
  controllers: [FeedbackProjection],
  providers: [FeedbackTables, FeedbackQueries, FeedbackReader, GiveFeedbackHandler, FeedbackResolver],
} as const;
