import { validate as isUuid } from 'uuid';
import { CursorInvalid } from '../domain/notification.errors';
import type { InboxPosition } from '../infra/inbox.repository';

/** An opaque cursor: the last notification of a page, as its time and id (base64url). */
export function encodeCursor(p: InboxPosition): string {
  return Buffer.from(`${p.createdAt.toISOString()}|${p.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): InboxPosition {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (rest.length || !id || !isUuid(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) throw new CursorInvalid();
  return { createdAt, id };
}
