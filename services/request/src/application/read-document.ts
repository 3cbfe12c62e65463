import { Inject, Injectable } from '@nestjs/common';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { validate as isUuid } from 'uuid';
import { documentField, documentNameField, type DocumentMetadata } from '../domain/document';
import { DocumentErased, DocumentNotFound } from '../domain/document.errors';
import { DocumentRepository } from '../infra/document.repository';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';

/** Who asks for a document, as their token says. */
export interface DocumentReader {
  id: string;
  roles: readonly string[];
  agency?: string;
}

export interface ReadDocument {
  document: DocumentMetadata;
  bytes: Buffer;
  /** The name the client gave when uploading, if any. */
  fileName?: string;
}

/** Hands a document back, decrypted, to whoever may read it. */
@Injectable()
export class ReadDocumentHandler {
  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly vault: Vault,
    private readonly documents: DocumentRepository,
  ) {}

  async execute(id: string, reader: DocumentReader): Promise<ReadDocument> {
    const found = isUuid(id) ? await this.documents.byId(id) : null;
    // Someone else's document and no document at all answer the same.
    if (!found || !mayRead(found, reader)) throw new DocumentNotFound();
    const { fileNameCiphertext, ...document } = found;
    // Asked of the key table, not the vault's key cache: a download right after erasure is refused
    // at once in every replica, not once their cached keys expire.
    if (await this.vault.isErased(document.ownerId)) throw new DocumentErased();
    const sealed = await this.storage.get(id);
    if (!sealed) throw new Error(`document ${id} has metadata but nothing in the storage`);
    try {
      const bytes = await this.vault.decryptBytes(document.ownerId, documentField(id), sealed);
      const fileName = fileNameCiphertext ? await this.vault.decrypt(document.ownerId, documentNameField(id), fileNameCiphertext) : undefined;
      return { document, bytes, fileName };
    } catch (e) {
      if (e instanceof PersonDataErasedError) throw new DocumentErased();
      throw e;
    }
  }
}

/**
 * The owner only, for now. Officers of the agency an application referencing the document was
 * submitted to will be allowed here — each such read written to the personal-data access log
 * (SPEC.md: every access to personal data is audited) before the bytes are returned.
 */
function mayRead(document: DocumentMetadata, reader: DocumentReader): boolean {
  return document.ownerId === reader.id;
}
