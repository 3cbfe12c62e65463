import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import type { DocumentMetadata } from '../domain/document';
import { DocumentRepository } from '../infra/document.repository';

/**
 * The documents a command may reference. A submission passes the ids the citizen sent and checks
 * that each one came back (it exists and is the caller's) with a media type and size its service's
 * requirement accepts; an id missing from the answer must be refused, never looked up elsewhere.
 */
@Injectable()
export class DocumentCatalog {
  constructor(private readonly documents: DocumentRepository) {}

  /** The metadata of those of `ids` that belong to `personId`, in no particular order. */
  async ownedBy(ids: readonly string[], personId: string): Promise<DocumentMetadata[]> {
    // Ids are opaque to callers: anything that is not a document id is simply not theirs.
    const candidates = [...new Set(ids.filter((id) => isUuid(id)))];
    if (candidates.length === 0) return [];
    return this.documents.ownedBy(candidates, personId);
  }
}
