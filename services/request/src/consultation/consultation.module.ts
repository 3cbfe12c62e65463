import { ConsultationProjection } from './application/consultation.projection';
import { ConsultationAttachments } from './application/consultation-attachments';
import { ConsultationReader } from './application/consultation-reader';
import { Consultations } from './application/consultations';
import { consultationMessages } from './consultation.messages';
import { ConsultationResolver } from './graphql/consultation.resolver';
import { ConsultationQueries } from './infra/consultation.queries';
import { ConsultationTables } from './infra/consultation.tables';

/**
 * Consultation threads as a feature of request: the `consultation` stream category, its projection
 * and providers. request.module.ts spreads these into its own module (the vault, the clock, the
 * application streams and the document catalogue are request's, shared with applications).
 */
export const ConsultationFeature = {
  categories: ['consultation'],
  messages: consultationMessages,
  controllers: [ConsultationProjection],
  providers: [ConsultationTables, ConsultationQueries, Consultations, ConsultationReader, ConsultationAttachments, ConsultationResolver],
} as const;
