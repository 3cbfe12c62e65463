import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { v7 as uuidv7 } from 'uuid';
import { documentField, documentNameField, DocumentIntake, type DocumentMetadata, type ReceivedDocument } from '../domain/document';
import { UploaderErased, UploadsBusy } from '../domain/document.errors';
import { DocumentRepository } from '../infra/document.repository';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import { UPLOAD_POLICY, type UploadPolicy } from './upload-policy';

/** One upload being received: its intake, and the place it holds until released. */
export interface UploadSlot {
  intake: DocumentIntake;
  release(): void;
}

/** The vault purpose of documents' keyed digests: equal content of one owner has equal digests. */
const DIGEST_PURPOSE = 'document';

/**
 * A citizen uploads a document: its content encrypted with their own key goes to the storage, its
 * metadata to request.documents. The same content again from the same owner (a resend over a bad
 * connection) answers the first document instead of storing a second copy.
 */
@Injectable()
export class UploadDocumentHandler {
  private inFlight = 0;

  constructor(
    @Inject(UPLOAD_POLICY) private readonly policy: UploadPolicy,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly vault: Vault,
    private readonly documents: DocumentRepository,
  ) {}

  /**
   * A place for one more upload in this process, or UploadsBusy: each upload holds up to
   * maxBytes in memory (the content is encrypted whole), so their number bounds the memory.
   */
  reserve(): UploadSlot {
    if (this.inFlight >= this.policy.maxConcurrent) throw new UploadsBusy();
    this.inFlight++;
    let released = false;
    return {
      intake: new DocumentIntake(this.policy.maxBytes),
      release: () => {
        if (!released) this.inFlight--;
        released = true;
      },
    };
  }

  /** Stores a received document for its owner; `created` is false for a resend of the same content. */
  async store(ownerId: string, doc: ReceivedDocument, fileName: string | undefined): Promise<{ document: DocumentMetadata; created: boolean }> {
    try {
      return await this.storeFor(ownerId, doc, fileName);
    } catch (e) {
      if (e instanceof PersonDataErasedError) throw new UploaderErased();
      throw e;
    }
  }

  private async storeFor(
    ownerId: string,
    doc: ReceivedDocument,
    fileName: string | undefined,
  ): Promise<{ document: DocumentMetadata; created: boolean }> {
    // The key table, not the key cache: nothing is sealed with a key that was destroyed a moment ago.
    if (await this.vault.isErased(ownerId)) throw new UploaderErased();
    const contentDigest = await this.vault.keyedDigest(ownerId, DIGEST_PURPOSE, doc.bytes);
    const earlier = await this.documents.byDigest(ownerId, contentDigest);
    if (earlier) return { document: earlier, created: false };

    const id = uuidv7();
    const sealed = await this.vault.encryptBytes(ownerId, documentField(id), doc.bytes);
    const fileNameCiphertext = fileName ? await this.vault.encrypt(ownerId, documentNameField(id), fileName) : null;
    const document: DocumentMetadata = { id, ownerId, mediaType: doc.mediaType, size: doc.size, createdAt: this.clock.now() };
    // Bytes first, then the row: a row always names stored bytes; a crash in between leaves only
    // an unreferenced encrypted file.
    await this.storage.put(id, sealed);
    let inserted: boolean;
    try {
      inserted = await this.documents.insert({ ...document, contentDigest, fileNameCiphertext });
    } catch (e) {
      await this.storage.delete(id).catch(() => undefined);
      throw e;
    }
    if (inserted) return { document, created: true };
    // The same content was stored by a concurrent resend a moment ago: keep that one.
    await this.storage.delete(id);
    const first = await this.documents.byDigest(ownerId, contentDigest);
    if (!first) throw new Error('document vanished after a conflict on its digest');
    return { document: first, created: false };
  }
}
