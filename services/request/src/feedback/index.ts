/** Feedback and the IKM survey: what request.module.ts (and nothing else) imports of this feature. */
export { FeedbackFeature } from './feedback.module';
