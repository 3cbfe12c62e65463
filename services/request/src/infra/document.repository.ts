import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { DocumentMediaType, DocumentMetadata } from '../domain/document';
import type { DocumentRow } from './documents.table';

/** A document's metadata row as the upload writes it. */
export interface NewDocumentRow extends DocumentMetadata {
  contentDigest: string;
  fileNameCiphertext: string | null;
}

/** request.documents: the metadata of uploaded documents. Ownership is part of every read. */
@Injectable()
export class DocumentRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** Records a document; false when the owner already has one with this content (a resend). */
  async insert(d: NewDocumentRow): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `insert into request.documents (id, owner_id, media_type, size_bytes, content_digest, file_name, created_at)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (owner_id, content_digest) do nothing`,
      [d.id, d.ownerId, d.mediaType, d.size, d.contentDigest, d.fileNameCiphertext, d.createdAt],
    );
    return rowCount === 1;
  }

  async byDigest(ownerId: string, contentDigest: string): Promise<DocumentMetadata | null> {
    const { rows } = await this.db.query<DocumentRow>('select * from request.documents where owner_id = $1 and content_digest = $2', [
      ownerId,
      contentDigest,
    ]);
    return rows[0] ? toMetadata(rows[0]) : null;
  }

  /** One document with its encrypted file name, whoever owns it: the caller decides who may read it. */
  async byId(id: string): Promise<(DocumentMetadata & { fileNameCiphertext: string | null }) | null> {
    const { rows } = await this.db.query<DocumentRow>('select * from request.documents where id = $1', [id]);
    return rows[0] ? { ...toMetadata(rows[0]), fileNameCiphertext: rows[0].file_name } : null;
  }

  /** Ids of every document of an owner (to remove their sealed bytes once they are erased). */
  async idsOf(ownerId: string, q: Pick<Pool, 'query'> = this.db): Promise<string[]> {
    const { rows } = await q.query<{ id: string }>('select id from request.documents where owner_id = $1', [ownerId]);
    return rows.map((r) => r.id);
  }

  /** Those of `ids` (document ids) that belong to the owner. */
  async ownedBy(ids: readonly string[], ownerId: string): Promise<DocumentMetadata[]> {
    const { rows } = await this.db.query<DocumentRow>('select * from request.documents where id = any($1::uuid[]) and owner_id = $2', [ids, ownerId]);
    return rows.map(toMetadata);
  }
}

function toMetadata(r: DocumentRow): DocumentMetadata {
  return { id: r.id, ownerId: r.owner_id, mediaType: r.media_type as DocumentMediaType, size: r.size_bytes, createdAt: r.created_at };
}
