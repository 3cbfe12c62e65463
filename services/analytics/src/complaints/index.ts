/** Complaint figures: what analytics.module.ts (and nothing else) imports of this feature. */
export { ComplaintFiguresFeature } from './complaints.module';
