import { request as httpRequest, type ClientRequest } from 'node:http';
import { deflateSync } from 'node:zlib';

/** Uploads in tests: small real documents (made here, so a test can embed what it then looks for in storage), multipart bodies, and uploads that never finish. */

/** A one-page PDF whose page shows `text` (byte offsets in the xref table are real). */
export function pdfWith(text: string): Buffer {
  const content = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])));
  return Buffer.concat([len, Buffer.from(type, 'ascii'), data, crc]);
}

/** A `width`×1 RGB PNG of grey pixels, with `text` in a tEXt chunk. */
export function pngWith(text: string, width = 4): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const scanline = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('tEXt', Buffer.from(`Comment\u0000${text}`, 'latin1')),
    pngChunk('IDAT', deflateSync(scanline)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A baseline 8×8 grey JPEG: one block, every coefficient 0, with one-symbol Huffman tables (so the
 * scan is the two bits "00" padded with ones), and `text` in a COM segment.
 */
export function jpegWith(text: string): Buffer {
  const segment = (marker: number, body: Buffer) => {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(body.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), len, body]);
  };
  const oneSymbolTable = (tableClass: number) =>
    Buffer.concat([Buffer.from([tableClass << 4]), Buffer.from([1, ...Array(15).fill(0)]), Buffer.from([0])]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xfe, Buffer.from(text, 'latin1')),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    segment(0xc4, oneSymbolTable(0)),
    segment(0xc4, oneSymbolTable(1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
}

export interface UploadPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body as a browser's FormData would send it. */
export function multipart(parts: UploadPart[], boundary = `----serang${Math.random().toString(16).slice(2)}`): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`, 'utf8'),
    );
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface UploadAnswer {
  status: number;
  headers: Headers;
  json: {
    id?: string;
    mediaType?: string;
    size?: number;
    error?: { code: string; reason: string; message: string };
    /** The same error in GraphQL's shape, as every failure of the platform answers. */
    errors?: Array<{ message: string; extensions: { code: string; reason: string } & Record<string, unknown> }>;
  };
}

/** POSTs one file as a browser would; `headers` add to (or override) the defaults. */
export async function uploadFile(baseUrl: string, file: UploadPart, headers: Record<string, string> = {}): Promise<UploadAnswer> {
  const { body, contentType } = multipart([file]);
  return postUpload(baseUrl, body, { 'content-type': contentType, ...headers });
}

export async function postUpload(baseUrl: string, body: Buffer | string, headers: Record<string, string>): Promise<UploadAnswer> {
  const res = await fetch(`${baseUrl}/uploads`, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, json: (await res.json()) as UploadAnswer['json'] };
}

export interface StalledUpload {
  /** The answer, which arrives while the upload is still being sent. */
  answer: Promise<{ status: number; json: UploadAnswer['json'] }>;
  /** Abandons the upload (the client goes away). */
  abandon(): void;
  request: ClientRequest;
}

/**
 * Starts an upload that sends `head` and then never finishes: what the server answers before the
 * end of the body shows it did not wait for (or buffer) the rest.
 */
export function stalledUpload(baseUrl: string, head: Buffer, headers: Record<string, string>): StalledUpload {
  const url = new URL('/uploads', baseUrl);
  const request = httpRequest(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
  request.on('error', () => undefined); // the server hangs up on an abandoned or refused upload
  const answer = new Promise<{ status: number; json: UploadAnswer['json'] }>((resolve, reject) => {
    request.once('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as UploadAnswer['json'] }));
      res.on('error', reject);
    });
  });
  request.write(head);
  return { answer, abandon: () => request.destroy(), request };
}

export interface UnsentUpload {
  /** The answer, which arrives although not one byte of the body was sent. */
  answer: Promise<{ status: number; json: UploadAnswer['json']; headers: Record<string, string | string[] | undefined> }>;
  /** Whether the server said "100 Continue" (asked for the body) before it answered. */
  continued(): boolean;
  abandon(): void;
}

/**
 * Sends an upload's headers only — with `headers` such as a huge `content-length`, or `expect:
 * 100-continue` — and never a byte of its body: what comes back was decided from the headers.
 */
export function unsentUpload(baseUrl: string, headers: Record<string, string>): UnsentUpload {
  const request = httpRequest(new URL('/uploads', baseUrl), { method: 'POST', headers });
  request.on('error', () => undefined);
  let continued = false;
  request.on('continue', () => (continued = true));
  const answer = new Promise<{ status: number; json: UploadAnswer['json']; headers: Record<string, string | string[] | undefined> }>(
    (resolve, reject) => {
      request.once('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as UploadAnswer['json'], headers: res.headers }));
        res.on('error', reject);
      });
    },
  );
  request.flushHeaders();
  return { answer, continued: () => continued, abandon: () => request.destroy() };
}

/**
 * Uploads one real document per requirement (a small PDF; a PNG where the requirement takes only
 * images) as the bearer of `token`, and answers the `documents` input of a submission.
 */
export async function attachDocuments(
  baseUrl: string,
  token: string,
  requirements: ReadonlyArray<string | { code: string; image?: boolean }>,
): Promise<Array<{ requirement: string; documentId: string }>> {
  const out: Array<{ requirement: string; documentId: string }> = [];
  for (const r of requirements) {
    const code = typeof r === 'string' ? r : r.code;
    const image = typeof r !== 'string' && r.image;
    const data = image ? pngWith(`${code} ${Math.random()}`) : pdfWith(`${code} ${Math.random()}`);
    const answer = await uploadFile(
      baseUrl,
      { name: 'file', filename: image ? `${code}.png` : `${code}.pdf`, data },
      { authorization: `Bearer ${token}` },
    );
    if (!answer.json.id) throw new Error(`upload of ${code} failed: ${answer.status} ${JSON.stringify(answer.json)}`);
    out.push({ requirement: code, documentId: answer.json.id });
  }
  return out;
}
