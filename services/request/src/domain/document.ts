import { UploadEmpty, UploadTooLarge, UploadTypeNotAllowed } from './document.errors';

/** What citizens may upload: the three types service definitions may ask for. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

export const FILE_EXTENSIONS: Record<DocumentMediaType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * Magic bytes, required at offset 0. PDF readers also accept a header further into the first KiB,
 * but whatever comes before it is what an HTML or script polyglot would put there: refused.
 */
const SIGNATURES: ReadonlyArray<{ type: DocumentMediaType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** Enough leading bytes to tell every allowed type apart. */
export const SNIFF_BYTES = Math.max(...SIGNATURES.map((s) => s.bytes.length));

/**
 * The type the content itself shows, never the file name or the declared Content-Type:
 * a media type; `null` when it is none of the allowed ones; `undefined` when `head` is too short
 * to tell yet (it is still the start of some signature).
 */
export function sniffMediaType(head: Uint8Array): DocumentMediaType | null | undefined {
  let undecided = false;
  for (const { type, bytes } of SIGNATURES) {
    const n = Math.min(bytes.length, head.length);
    let same = true;
    for (let i = 0; i < n && same; i++) same = head[i] === bytes[i];
    if (!same) continue;
    if (head.length >= bytes.length) return type;
    undecided = true;
  }
  return undecided ? undefined : null;
}

/** What the platform knows about an uploaded document, without its content. */
export interface DocumentMetadata {
  id: string;
  ownerId: string;
  mediaType: DocumentMediaType;
  size: number;
  createdAt: Date;
}

/** The vault field a document's content is encrypted under: binds the ciphertext to its id. */
export const documentField = (documentId: string): string => `document:${documentId}`;
/** The vault field of the file name the client gave (kept encrypted: it may well be a name). */
export const documentNameField = (documentId: string): string => `document:${documentId}:name`;

/**
 * The client's file name, made safe to keep and to hand back in a header: no path, no control
 * characters, at most 200 characters; undefined when nothing is left.
 */
export function cleanFileName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const clean = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return clean ? [...clean].slice(0, 200).join('') : undefined;
}

/** A document as received, checked: its bytes, the type they show, their size. */
export interface ReceivedDocument {
  bytes: Buffer;
  mediaType: DocumentMediaType;
  size: number;
}

/**
 * Takes a document's bytes as they arrive and refuses it as soon as the content shows it cannot be
 * kept: past the size limit (so an oversized upload is cut off there, not read to its end), or a
 * type other than the allowed ones (known from the first few bytes). Holds at most `maxBytes`.
 */
export class DocumentIntake {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private mediaType: DocumentMediaType | undefined;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw new UploadTooLarge(this.maxBytes);
    this.chunks.push(chunk);
    if (!this.mediaType) this.sniff(false);
  }

  /** The whole document; throws when it is empty or too short to show an allowed type. */
  finish(): ReceivedDocument {
    if (this.size === 0) throw new UploadEmpty();
    if (!this.mediaType) this.sniff(true);
    const bytes = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.chunks.length = 0;
    return { bytes, mediaType: this.mediaType!, size: this.size };
  }

  private sniff(final: boolean): void {
    const head = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks).subarray(0, SNIFF_BYTES);
    const found = sniffMediaType(head.subarray(0, SNIFF_BYTES));
    if (found === null || (found === undefined && final)) throw new UploadTypeNotAllowed();
    this.mediaType = found;
  }
}
