import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { validate as isUuid } from 'uuid';
import type { DocumentStorage } from '../application/document-storage';

/**
 * Documents as files in one folder (UPLOADS_DIR), each named by its document id. A write goes to a
 * temporary file in the same folder, is flushed to disk, and is then renamed into place: rename is
 * atomic within a filesystem, so a crash leaves either the whole document or none (at worst a
 * stray `.tmp` file, which names no document). Several replicas need a shared volume for this
 * folder; otherwise use an object-store adapter of DocumentStorage.
 */
export class FileSystemDocumentStorage implements DocumentStorage {
  constructor(private readonly dir: string) {}

  async ready(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  async put(id: string, sealed: Buffer): Promise<void> {
    const target = this.pathOf(id);
    const temp = join(this.dir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(sealed);
      await file.sync();
    } catch (e) {
      await file.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw e;
    }
    await file.close();
    try {
      await rename(temp, target);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
  }

  async get(id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(id));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(id: string): Promise<void> {
    await unlink(this.pathOf(id)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /** Only ever a document id: never a path a client could steer. */
  private pathOf(id: string): string {
    if (!isUuid(id)) throw new Error(`not a document id: ${id}`);
    return join(this.dir, id);
  }
}
