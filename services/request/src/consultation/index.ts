/** Consultation threads: what request.module.ts (and nothing else) imports of this feature. */
export { ConsultationFeature } from './consultation.module';
