import { Inject, Injectable } from '@nestjs/common';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { validate as isUuid } from 'uuid';
import { documentField, documentNameField, type DocumentMetadata } from '../domain/document';
import { DocumentErased, DocumentNotFound } from '../domain/document.errors';
import { actingRole, isStaffRole } from '../domain/staff-roles';
import { ApplicationQueries } from '../infra/application.queries';
import { DocumentRepository } from '../infra/document.repository';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import { StaffReads } from './staff-reads';
import { ConsultationAttachments } from '../consultation';

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

/** Hands a document back, decrypted, to whoever may read it: its owner, or the staff working an application that uses it (audited). */
@Injectable()
export class ReadDocumentHandler {
  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly vault: Vault,
    private readonly documents: DocumentRepository,
    private readonly applications: ApplicationQueries,
    private readonly reads: StaffReads,
    private readonly consultations: ConsultationAttachments,
  ) {}

  /**
   * The owner; or staff (officers, agency admins, agency systems) of an agency an application
   * using the document was submitted to, or officers and admins of an agency its owner attached it
   * to a consultation with — never by knowing an id alone.
   */
  private async access(document: DocumentMetadata, reader: DocumentReader): Promise<'owner' | { applicationId: string } | undefined> {
    if (document.ownerId === reader.id) return 'owner';
    if (!reader.agency || !reader.roles.some(isStaffRole)) return undefined;
    const using = (await this.applications.agenciesUsingDocument(document.id)).find(
      (u) => u.agencyId === reader.agency && u.applicantId === document.ownerId,
    );
    if (using) return { applicationId: using.applicationId };
    if (!reader.roles.includes('OFFICER') && !reader.roles.includes('AGENCY_ADMIN')) return undefined;
    const shared = (await this.consultations.sharedWith(document.id, document.ownerId)).find((t) => t.agencyId === reader.agency);
    return shared ? { applicationId: shared.applicationId } : undefined;
  }

  async execute(id: string, reader: DocumentReader): Promise<ReadDocument> {
    const found = isUuid(id) ? await this.documents.byId(id) : null;
    // Someone else's document and no document at all answer the same.
    const access = found ? await this.access(found, reader) : undefined;
    if (!found || !access) throw new DocumentNotFound();
    const { fileNameCiphertext, ...document } = found;
    // Asked of the key table, not the vault's key cache: a download right after erasure is refused
    // at once in every replica, not once their cached keys expire.
    // The owner learns their document is gone for good; for staff it is simply not there.
    if (await this.vault.isErased(document.ownerId)) throw access === 'owner' ? new DocumentErased() : new DocumentNotFound();
    if (access !== 'owner') {
      // Staff of the agency: the read is on the audit trail before a byte leaves.
      await this.reads.record({
        reader: { id: reader.id, role: actingRole(reader.roles), ...(reader.agency ? { agency: reader.agency } : {}) },
        subjectId: document.ownerId,
        purpose: 'DOCUMENT_READ',
        fields: ['document'],
        applicationId: access.applicationId,
      });
    }
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
