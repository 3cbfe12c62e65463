import { AppError } from '@serang/platform';
import busboy, { type Busboy } from 'busboy';
import type { Request } from 'express';
import { UploadMalformed, UploadNotMultipart, UploadNoFile, UploadTooLarge, UploadTooManyFiles } from '../domain/document.errors';

/** Room for the multipart framing around the file: boundaries, part headers, a few small fields. */
const FRAMING_BYTES = 64 * 1024;

export interface FilePart {
  /** The file name the client gave (untrusted: only ever kept encrypted, never used as a path). */
  fileName?: string;
}

/**
 * Streams a multipart/form-data body that holds exactly one file through busboy, handing each
 * chunk of the file to `onChunk` as it arrives (which throws to refuse the upload). Stops reading
 * the moment the upload is refused — past `maxFileBytes` of file or of the body around it, a second
 * file, a broken body, no bytes for `idleTimeoutMs`, or whatever `onChunk` throws — so an oversized
 * upload is never read whole and a stalled one does not hold its slot forever. Text fields are
 * read (within small limits) and ignored.
 */
export function readOneFile(req: Request, maxFileBytes: number, idleTimeoutMs: number, onChunk: (chunk: Buffer) => void): Promise<FilePart> {
  const maxBodyBytes = maxFileBytes + FRAMING_BYTES;
  return new Promise<FilePart>((resolve, reject) => {
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) return reject(new UploadNotMultipart());
    // An honest client says how much it will send: a body that cannot fit is refused unread.
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) return reject(new UploadTooLarge(maxFileBytes));
    let parser: Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // busboy reports reaching its limit, not passing it: one byte more tells a file of exactly maxFileBytes from a larger one.
        limits: { files: 1, fileSize: maxFileBytes + 1, fields: 20, parts: 21, fieldSize: 1024, headerPairs: 20 },
      });
    } catch {
      return reject(new UploadNotMultipart()); // no boundary, or a charset busboy cannot read
    }
    let settled = false;
    let received = 0;
    let file: FilePart | undefined;
    const stalled = () => finish(new AppError('BAD_USER_INPUT', 'UPLOAD.STALLED', { seconds: Math.round(idleTimeoutMs / 1000) }));
    let idle = setTimeout(stalled, idleTimeoutMs);
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      req.off('data', count);
      req.off('close', closed);
      if (error) {
        // Nothing more is read from the client. The parser is torn down once its current callback
        // has returned: busboy still touches its file stream after emitting an event.
        req.unpipe(parser);
        parser.on('error', () => undefined);
        setImmediate(() => parser.destroy());
        reject(error);
      } else resolve(file!);
    };
    const count = (chunk: Buffer) => {
      clearTimeout(idle);
      idle = setTimeout(stalled, idleTimeoutMs);
      received += chunk.length;
      if (received > maxBodyBytes) finish(new UploadTooLarge(maxFileBytes));
    };
    const closed = () => {
      if (!req.complete) finish(new UploadMalformed('the client went away'));
    };
    parser.on('file', (_field, stream, info) => {
      file = { fileName: info.filename };
      stream.on('data', (chunk: Buffer) => {
        try {
          onChunk(chunk);
        } catch (e) {
          finish(e as Error);
        }
      });
      stream.on('limit', () => finish(new UploadTooLarge(maxFileBytes)));
      stream.on('error', (e: Error) => finish(new UploadMalformed(e.message)));
    });
    parser.on('filesLimit', () => finish(new UploadTooManyFiles()));
    parser.on('partsLimit', () => finish(new UploadMalformed('too many parts')));
    parser.on('fieldsLimit', () => finish(new UploadMalformed('too many fields')));
    parser.on('error', (e: Error) => finish(new UploadMalformed(e.message)));
    parser.on('finish', () => finish(file ? undefined : new UploadNoFile()));
    req.on('data', count);
    req.on('close', closed);
    req.pipe(parser);
  });
}
