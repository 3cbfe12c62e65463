import type { Upcaster } from '@serang/eventstore';
import type { ApplicationSubmitted, DocumentRef } from './application.events';

/** ApplicationSubmitted as schema 1 may hold it: before workflows (no status) and before requirements (ids only). */
type SubmittedV1 = Omit<ApplicationSubmitted['data'], 'status' | 'documents'> & { status?: string; documents?: DocumentRef[] };

/**
 * Request's upcasters (docs/write-path.md): old shapes of its events turned into the current one
 * on every read of the store, so the decider and the projections only ever see the current shape.
 */
export const applicationUpcasters: readonly Upcaster[] = [
  {
    // Schema 1 → 2: a submission made before workflows starts in SUBMITTED; one made before
    // documents named their requirement lists its documents under no requirement.
    type: 'ApplicationSubmitted',
    fromSchemaVersion: 1,
    upcast(data: unknown): ApplicationSubmitted['data'] {
      const d = data as SubmittedV1;
      return {
        ...d,
        status: d.status || 'SUBMITTED',
        documents: d.documents?.length ? d.documents : d.documentIds.map((documentId) => ({ requirement: '', documentId })),
      };
    },
  },
];
