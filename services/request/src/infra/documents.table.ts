import type { Pool } from 'pg';

/**
 * Uploaded documents' metadata; the content is in the DocumentStorage, encrypted. Not a projection:
 * uploads are not events (a file is no fact of an application until a submission references its
 * id), so this table and the stored files are the record of what was uploaded.
 * Nothing here is personal data in plain text: `file_name` is a vault ciphertext, and
 * `content_digest` is keyed with the owner's own key (Vault.keyedDigest) rather than a plain
 * SHA-256, which would let anyone holding a copy of a document (or a guess) confirm that this
 * person uploaded it, link the same document across people, and survive the owner's erasure.
 */
export async function ensureDocumentsTable(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:request.documents'));
    create schema if not exists request;
    create table if not exists request.documents (
      id             uuid primary key,
      owner_id       text not null,
      media_type     text not null,
      size_bytes     int not null check (size_bytes > 0),
      content_digest text not null,
      file_name      text,
      created_at     timestamptz not null
    );
    create unique index if not exists documents_owner_digest_key on request.documents (owner_id, content_digest)`);
}

export interface DocumentRow {
  id: string;
  owner_id: string;
  media_type: string;
  size_bytes: number;
  content_digest: string;
  file_name: string | null;
  created_at: Date;
}
