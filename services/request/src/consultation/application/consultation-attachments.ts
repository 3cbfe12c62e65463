import { Injectable } from '@nestjs/common';
import { ConsultationQueries } from '../infra/consultation.queries';

/**
 * Which agencies' staff may download a document because its owner attached it to a consultation
 * with them (GET /uploads/:id asks, beside the applications that use it).
 */
@Injectable()
export class ConsultationAttachments {
  constructor(private readonly queries: ConsultationQueries) {}

  /** Threads in which the document's owner attached it: their agency, and the application they are about ('' when none). */
  async sharedWith(documentId: string, ownerId: string): Promise<Array<{ agencyId: string; applicationId: string; threadId: string }>> {
    return (await this.queries.threadsUsingDocument(documentId))
      .filter((t) => t.citizen_id === ownerId && t.author_id === ownerId)
      .map((t) => ({ agencyId: t.agency_id, applicationId: t.application_id, threadId: t.thread_id }));
  }
}
