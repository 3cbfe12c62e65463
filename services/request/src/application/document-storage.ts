/**
 * Where the sealed (encrypted) bytes of uploaded documents live, under the document's id — never a
 * name a client chose. The filesystem adapter (infra/filesystem-document.storage.ts) is the
 * default; an object store (S3-compatible, for several replicas without a shared volume) is another
 * adapter of this port: `put` as one PUT of the whole object (all or nothing), `get` as a GET that
 * answers null on 404, `delete` ignoring a missing object.
 */
export interface DocumentStorage {
  /** Checks the storage can be used (called at start-up: a bad location stops the service). */
  ready(): Promise<void>;
  /** Stores the bytes under the id, all or nothing: a reader never sees a partial document. */
  put(id: string, sealed: Buffer): Promise<void>;
  /** The bytes stored under the id, or null when there are none. */
  get(id: string): Promise<Buffer | null>;
  /** Removes what is stored under the id; nothing stored is not an error. */
  delete(id: string): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
