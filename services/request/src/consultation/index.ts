/** Consultation threads: what request.module.ts and the uploads' reader import of this feature, and nothing else. */
export { ConsultationFeature } from './consultation.module';
export { ConsultationAttachments } from './application/consultation-attachments';
