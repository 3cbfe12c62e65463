import { createPool } from '@serang/db';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  createTestDatabase,
  jpegWith,
  runToExit,
  multipart,
  pdfWith,
  pngWith,
  postUpload,
  stalledUpload,
  startServiceProcess,
  startTestIssuer,
  uploadFile,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
  testPort,
} from '@serang/testing';
import type { HttpErrorBody } from '@serang/platform';
import { parseMasterKeys, PersonDataErasedError, Vault } from '@serang/vault';

const PORT = testPort(4935);
const MAX_BYTES = 256 * 1024;
/** Personal data inside the documents and their names: never to be found in plain text at rest. */
const MARKER = 'NIK 3604014508900001 Siti Aminah Q7X';
const FILE_NAME = 'KTP Siti Aminah.pdf';

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('uploads (POST /uploads, GET /uploads/:id) in request, real PostgreSQL and a real folder', () => {
  let db: TestDatabase;
  let pg: Pool;
  let issuer: TestIssuer;
  let svc: RunningProcess;
  let dir: string;
  let vault: Vault;
  const masterKeys = `k1:${randomBytes(32).toString('base64')}`;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const as = (who: string, lang?: string) => ({ authorization: `Bearer ${tokens[who]}`, ...(lang ? { 'accept-language': lang } : {}) });
  const download = (id: string, headers: Record<string, string>) => fetch(`${svc.url}/uploads/${id}`, { headers });
  const stored = async () => (await readdir(dir)).sort();

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('uploads');
    pg = createPool({ connectionString: db.url, max: 2, name: 'test' });
    dir = await mkdtemp(join(tmpdir(), 'serang-uploads-'));
    for (const who of ['ani', 'budi', 'busy', 'erased', 'big']) {
      ids[who] = `citizen-${who}-${randomUUID()}`;
      tokens[who] = await issuer.token({ sub: ids[who], roles: ['CITIZEN'] });
    }
    tokens.officer = await issuer.token({ sub: `officer-${randomUUID()}`, roles: ['OFFICER'], agency: 'disnakertrans' });
    svc = await startServiceProcess(
      'services/request/src/main.ts',
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        VAULT_MASTER_KEYS: masterKeys,
        UPLOADS_DIR: dir,
        UPLOAD_MAX_BYTES: String(MAX_BYTES),
        UPLOAD_MAX_CONCURRENT: '2',
        LOG_LEVEL: 'warn',
      },
      PORT,
    );
    // The test's own view of request's key table, as an erasure would use it.
    vault = new Vault(pg, { schema: 'request', masterKeys: parseMasterKeys(masterKeys), cacheTtlMs: 0 });
  });
  afterAll(async () => {
    await svc?.stop();
    await pg?.end();
    await issuer?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pdf = pdfWith(MARKER);
  let pdfId: string;

  it('stores a PDF, a PNG and a JPEG and hands each back to its owner byte for byte', async () => {
    const files = [
      { data: pdf, filename: FILE_NAME, type: 'application/pdf' },
      { data: pngWith(MARKER), filename: 'foto.png', type: 'image/png' },
      { data: jpegWith(MARKER), filename: 'pas-foto.jpg', type: 'image/jpeg' },
    ];
    for (const f of files) {
      const res = await uploadFile(svc.url, { name: 'file', filename: f.filename, contentType: f.type, data: f.data }, as('ani'));
      expect(res.status).toBe(201);
      expect(res.json).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        mediaType: f.type,
        size: f.data.length,
      });
      const back = await download(res.json.id!, as('ani'));
      expect(back.status).toBe(200);
      expect(Buffer.from(await back.arrayBuffer()).equals(f.data)).toBe(true);
      expect(back.headers.get('content-type')).toBe(f.type);
      expect(back.headers.get('x-content-type-options')).toBe('nosniff');
      expect(back.headers.get('cache-control')).toBe('private, no-store');
      expect(back.headers.get('etag')).toBeNull();
      expect(back.headers.get('content-disposition')).toBe(
        `attachment; filename="${res.json.id}.${f.filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
      );
      if (f.type === 'application/pdf') pdfId = res.json.id!;
    }
  });

  it('answers a resend of the same content with the first document, stored once', async () => {
    const again = await uploadFile(svc.url, { name: 'file', filename: 'lagi.pdf', data: pdf }, as('ani'));
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: pdfId, mediaType: 'application/pdf', size: pdf.length });
    const { rows } = await pg.query('select count(*)::int as n from request.documents where owner_id = $1', [ids.ani]);
    expect(rows[0].n).toBe(3);
    expect((await stored()).filter((f) => !f.startsWith('.'))).toHaveLength(3);
    // The same file from someone else is their own document.
    const theirs = await uploadFile(svc.url, { name: 'file', filename: 'ktp.pdf', data: pdf }, as('budi'));
    expect(theirs.status).toBe(201);
    expect(theirs.json.id).not.toBe(pdfId);
  });

  it('never shows a document to anyone but its owner, nor reveals that it exists', async () => {
    const theirs = await download(pdfId, as('budi'));
    const nobodys = await download(randomUUID(), as('budi'));
    const notAnId = await download('..%2F..%2Fetc%2Fpasswd', as('budi'));
    expect(theirs.status).toBe(404);
    const body = await theirs.json();
    expect(body).toEqual({
      error: { code: 'NOT_FOUND', reason: 'DOCUMENT.NOT_FOUND', message: 'Dokumen tidak ditemukan.' },
      errors: [{ message: 'Dokumen tidak ditemukan.', extensions: { code: 'NOT_FOUND', reason: 'DOCUMENT.NOT_FOUND' } }],
    });
    expect(nobodys.status).toBe(404);
    expect(await nobodys.json()).toEqual(body);
    expect(notAnId.status).toBe(404);
    expect(await notAnId.json()).toEqual(body);
    const anonymous = await download(pdfId, {});
    expect(anonymous.status).toBe(401);
  });

  it('judges the type by the content: a renamed HTML page, program or text file is refused, a PNG called .pdf is a PNG', async () => {
    const disguised = [
      Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>'),
      Buffer.concat([Buffer.from('MZ'), randomBytes(200)]), // a Windows program
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(200)]), // an ELF program
      Buffer.from('just some text, no document at all'),
      Buffer.from(' %PDF-1.4 with something before the header'),
      Buffer.from('%PD'), // too short to be anything
    ];
    const before = await stored();
    for (const data of disguised) {
      const res = await uploadFile(svc.url, { name: 'file', filename: 'surat.pdf', contentType: 'application/pdf', data }, as('ani'));
      expect(res.status).toBe(415);
      expect(res.json.error).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'UPLOAD.TYPE_NOT_ALLOWED',
        message: 'Jenis berkas tidak diterima; unggah dokumen PDF atau gambar JPEG/PNG.',
      });
    }
    const en = await uploadFile(
      svc.url,
      { name: 'file', filename: 'surat.pdf', contentType: 'application/pdf', data: disguised[0] },
      as('ani', 'en-US,en;q=0.9'),
    );
    expect(en.json.error?.message).toBe('This kind of file is not accepted; upload a PDF document or a JPEG/PNG image.');
    expect(await stored()).toEqual(before);
    const png = pngWith('disguised');
    const renamed = await uploadFile(svc.url, { name: 'file', filename: 'surat.pdf', contentType: 'application/pdf', data: png }, as('ani'));
    expect(renamed.status).toBe(201);
    expect(renamed.json.mediaType).toBe('image/png');
  });

  it('refuses empty files, bodies without exactly one file, and what is not multipart, in the caller’s language', async () => {
    const empty = await uploadFile(svc.url, { name: 'file', filename: 'kosong.pdf', data: Buffer.alloc(0) }, as('ani'));
    expect(empty.status).toBe(400);
    expect(empty.json.error).toEqual({ code: 'BAD_USER_INPUT', reason: 'UPLOAD.EMPTY', message: 'Berkas kosong; pilih berkas yang berisi dokumen.' });
    const emptyEn = await uploadFile(svc.url, { name: 'file', filename: 'kosong.pdf', data: Buffer.alloc(0) }, as('ani', 'en'));
    expect(emptyEn.json.error?.message).toBe('The file is empty; choose a file that holds the document.');

    const noFile = multipart([{ name: 'note', data: 'no file here' }]);
    const none = await postUpload(svc.url, noFile.body, { ...as('ani', 'en'), 'content-type': noFile.contentType });
    expect(none.status).toBe(400);
    expect(none.json.error).toMatchObject({ reason: 'UPLOAD.NO_FILE', message: 'The upload holds no file.' });

    const two = multipart([
      { name: 'a', filename: 'a.pdf', data: pdfWith('first') },
      { name: 'b', filename: 'b.pdf', data: pdfWith('second') },
    ]);
    const twice = await postUpload(svc.url, two.body, { ...as('ani'), 'content-type': two.contentType });
    expect(twice.status).toBe(400);
    expect(twice.json.error).toEqual({ code: 'BAD_USER_INPUT', reason: 'UPLOAD.TOO_MANY_FILES', message: 'Unggah satu berkas setiap kali.' });

    const json = await postUpload(svc.url, JSON.stringify({ file: pdf.toString('base64') }), { ...as('ani'), 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    expect(json.json.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UPLOAD.NOT_MULTIPART' });
    const raw = await postUpload(svc.url, pdf, { ...as('ani'), 'content-type': 'application/pdf' });
    expect(raw.status).toBe(415);

    const cut = multipart([{ name: 'file', filename: 'a.pdf', data: pdfWith('cut') }]);
    const truncated = await postUpload(svc.url, cut.body.subarray(0, cut.body.length - 30), { ...as('ani', 'en'), 'content-type': cut.contentType });
    expect(truncated.status).toBe(400);
    expect(truncated.json.error).toMatchObject({
      reason: 'UPLOAD.MALFORMED',
      message: 'The upload is malformed or was cut short; please upload it again.',
    });
    const { rows } = await pg.query('select count(*)::int as n from request.documents where owner_id = $1', [ids.ani]);
    expect(rows[0].n).toBe(4); // three documents and the PNG called .pdf: nothing from these
  });

  it('cuts an oversized upload off early, before the client has finished sending, and stores nothing', async () => {
    const before = await stored();
    const boundary = 'serang-big';
    const head = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdfWith(MARKER),
      randomBytes(MAX_BYTES + 16 * 1024),
    ]);
    // The body never ends: the answer can only come from a server that stopped reading at the limit.
    const upload = stalledUpload(svc.url, head, { ...as('big'), 'content-type': `multipart/form-data; boundary=${boundary}` });
    const answer = await upload.answer;
    upload.abandon();
    expect(answer.status).toBe(413);
    expect(answer.json.error).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'UPLOAD.TOO_LARGE',
      message: 'Berkas terlalu besar; ukuran maksimal 256 KB.',
    });

    // A body announced too large is refused before any of it is read.
    const big = multipart([{ name: 'file', filename: 'besar.pdf', data: Buffer.concat([pdf, randomBytes(2 * MAX_BYTES)]) }]);
    const announced = await postUpload(svc.url, big.body, { ...as('big', 'en'), 'content-type': big.contentType });
    expect(announced.status).toBe(413);
    expect(announced.json.error?.message).toBe('The file is too large; the maximum size is 256 KB.');

    // Exactly at the limit is still fine.
    const atLimit = Buffer.concat([pdf, randomBytes(MAX_BYTES - pdf.length)]);
    expect((await uploadFile(svc.url, { name: 'file', filename: 'pas.pdf', data: atLimit }, as('big'))).status).toBe(201);
    const { rows } = await pg.query('select size_bytes from request.documents where owner_id = $1', [ids.big]);
    expect(rows).toEqual([{ size_bytes: MAX_BYTES }]);
    expect((await stored()).filter((f) => !before.includes(f))).toHaveLength(1);
  });

  it('lets only signed-in citizens upload', async () => {
    const file = { name: 'file', filename: 'a.pdf', data: pdfWith('auth') };
    const anonymous = await uploadFile(svc.url, file);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toEqual({ code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED', message: 'Silakan masuk terlebih dahulu.' });
    const forged = await uploadFile(svc.url, file, { authorization: 'Bearer not-a-token', 'accept-language': 'en' });
    expect(forged.status).toBe(401);
    expect(forged.json.error).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'AUTH.INVALID_TOKEN',
      message: 'The access token is invalid or has expired.',
    });
    const officer = await uploadFile(svc.url, file, as('officer', 'en'));
    expect(officer.status).toBe(403);
    expect(officer.json.error).toEqual({ code: 'FORBIDDEN', reason: 'FORBIDDEN', message: 'You are not allowed to do this.' });
  });

  it('keeps no plain text at rest: the files, the table and the logs hold neither the content nor the file name', async () => {
    const files = (await stored()).filter((f) => !f.startsWith('.'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = await readFile(join(dir, f));
      expect(bytes.subarray(0, 9).toString()).toBe('vault:v1:');
      for (const secret of [MARKER, 'Siti', '%PDF', 'IHDR']) expect(bytes.includes(Buffer.from(secret, 'latin1'))).toBe(false);
    }
    const { rows } = await pg.query<{ t: string }>('select row_to_json(d)::text as t from request.documents d');
    const table = rows.map((r) => r.t).join('\n');
    for (const secret of [MARKER, 'Siti', FILE_NAME, createHash('sha256').update(pdf).digest('hex')]) expect(table).not.toContain(secret);
    expect(svc.output()).not.toContain('Siti');
    // Sealed with the owner's own key, bound to the document's id.
    const sealed = await readFile(join(dir, pdfId));
    expect((await vault.decryptBytes(ids.ani, `document:${pdfId}`, sealed)).equals(pdf)).toBe(true);
    await expect(vault.decryptBytes(ids.budi, `document:${pdfId}`, sealed)).rejects.toThrow();
  });

  it('answers TOO_MANY_REQUESTS while the process already receives as many uploads as it may hold', async () => {
    const boundary = 'serang-slow';
    const head = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lambat.pdf"\r\n\r\n`),
      pdfWith('slow'),
    ]);
    // Two uploads that never finish hold both places. One that reached the server while another
    // upload held a place was itself refused: it is replaced until both hold.
    const hold = () => {
      const upload = stalledUpload(svc.url, head, { ...as('busy'), 'content-type': `multipart/form-data; boundary=${boundary}` });
      const holder = { upload, answered: false };
      upload.answer.then(
        () => (holder.answered = true),
        () => (holder.answered = true),
      );
      return holder;
    };
    const holders = [hold(), hold()];
    const third = await eventually(
      () => {
        holders.forEach((h, i) => {
          if (!h.answered) return;
          h.upload.abandon();
          holders[i] = hold();
        });
        return uploadFile(svc.url, { name: 'file', filename: 'a.pdf', data: pdfWith('third') }, as('busy', 'en'));
      },
      (r) => r.status === 429,
    );
    expect(third.status).toBe(429);
    expect(third.json.error).toEqual({
      code: 'TOO_MANY_REQUESTS',
      reason: 'UPLOAD.BUSY',
      message: 'Many uploads are in progress; try again in a moment.',
    });
    for (const h of holders) h.upload.abandon();
    // Abandoned uploads give their places back.
    const later = await eventually(
      () => uploadFile(svc.url, { name: 'file', filename: 'a.pdf', data: pdfWith('later') }, as('busy')),
      (r) => r.status === 201,
    );
    expect(later.status).toBe(201);
  });

  it('refuses to start with an upload limit it cannot honour, naming the variable', async () => {
    const base = { DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, VAULT_MASTER_KEYS: masterKeys, PORT: String(PORT + 1) };
    const tiny = await runToExit('services/request/src/main.ts', { ...base, UPLOAD_MAX_BYTES: '12' });
    expect(tiny.code).toBe(78);
    expect(tiny.output).toContain('UPLOAD_MAX_BYTES: must be at least 1024 bytes');
    const huge = await runToExit('services/request/src/main.ts', { ...base, UPLOAD_MAX_BYTES: String(1024 ** 3), UPLOAD_MAX_CONCURRENT: '0' });
    expect(huge.code).toBe(78);
    expect(huge.output).toContain('UPLOAD_MAX_BYTES: must be at most 67108864 bytes (64 MiB)');
    expect(huge.output).toContain('UPLOAD_MAX_CONCURRENT');
  });

  it('after crypto-shredding, the document is gone for good: 410 for its owner, unreadable bytes at rest', async () => {
    const doc = pdfWith(`${MARKER} erased`);
    const up = await uploadFile(svc.url, { name: 'file', filename: FILE_NAME, data: doc }, as('erased'));
    expect(up.status).toBe(201);
    const id = up.json.id!;
    expect((await download(id, as('erased'))).status).toBe(200);
    const sealed = await readFile(join(dir, id));
    expect((await vault.decryptBytes(ids.erased, `document:${id}`, sealed)).equals(doc)).toBe(true);

    await vault.destroy(ids.erased);

    const gone = await download(id, as('erased'));
    expect(gone.status).toBe(410);
    const erased = 'Dokumen ini telah dihapus bersama data pribadi pemiliknya.';
    expect(await gone.json()).toEqual({
      error: { code: 'NOT_FOUND', reason: 'DOCUMENT.ERASED', message: erased },
      errors: [{ message: erased, extensions: { code: 'NOT_FOUND', reason: 'DOCUMENT.ERASED' } }],
    });
    const goneEn = await download(id, as('erased', 'en'));
    expect(((await goneEn.json()) as HttpErrorBody).error.message).toBe("This document was erased together with its owner's personal data.");
    // Anyone else still sees only "not found".
    expect((await download(id, as('budi'))).status).toBe(404);
    // The bytes at rest are what they were, and no key opens them any more.
    const after = await readFile(join(dir, id));
    expect(after.equals(sealed)).toBe(true);
    expect(after.includes(Buffer.from(MARKER))).toBe(false);
    await expect(vault.decryptBytes(ids.erased, `document:${id}`, after)).rejects.toBeInstanceOf(PersonDataErasedError);
    // Nothing new is stored for an erased person.
    const again = await uploadFile(svc.url, { name: 'file', filename: 'baru.pdf', data: pdfWith('new') }, as('erased', 'en'));
    expect(again.status).toBe(403);
    expect(again.json.error).toMatchObject({ code: 'FORBIDDEN', reason: 'UPLOAD.ACCOUNT_ERASED' });
  });
});
