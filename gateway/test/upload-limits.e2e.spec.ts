import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  multipart,
  pdfWith,
  pngWith,
  postUpload,
  stalledUpload,
  startServiceProcess,
  startTestIssuer,
  testPort,
  unsentUpload,
  uploadFile,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
} from '@serang/testing';

// Not 4760-4765: the races test runs a whole platform there, maybe at the same time.
const REQUEST_PORT = testPort(4770);
const GATEWAY_PORT = testPort(4771);
const MIB = 1024 * 1024;

/** An upload's error as both shapes carry it (`error`, and GraphQL's `errors`). */
const uploadError = (code: string, reason: string, message: string) => ({
  error: { code, reason, message },
  errors: [{ message, extensions: { code, reason } }],
});

/**
 * Issue #10's uploads: an oversized file gets its JSON 413 (not a reset), a body declared far too
 * large is refused from its headers, a stalled body is cut off with a JSON answer — at the gateway
 * and in request alike, with the default 10 MiB limit. request runs behind the gateway alone.
 */
describe('upload limits at the gateway and in request (default UPLOAD_MAX_BYTES, 1 s BODY_IDLE_TIMEOUT_SECONDS)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let request: RunningProcess;
  let gateway: RunningProcess;
  let dir: string;
  const tokens: Record<string, string> = {};
  const as = (who: string, lang?: string) => ({ authorization: `Bearer ${tokens[who]}`, ...(lang ? { 'accept-language': lang } : {}) });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('gateway_upload_limits');
    dir = await mkdtemp(join(tmpdir(), 'serang-upload-limits-'));
    for (const who of ['ani', 'budi']) tokens[who] = await issuer.token({ sub: `citizen-${who}-${randomUUID()}`, roles: ['CITIZEN'] });
    const timeouts = { BODY_IDLE_TIMEOUT_SECONDS: '1', LOG_LEVEL: 'warn' };
    request = await startServiceProcess(
      'services/request/src/main.ts',
      // One upload at a time: a stalled upload that kept its slot would make the next one BUSY.
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        UPLOADS_DIR: dir,
        UPLOAD_MAX_CONCURRENT: '1',
        ...timeouts,
      },
      REQUEST_PORT,
    );
    gateway = await startServiceProcess(
      'gateway/src/main.ts',
      { DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, SUBGRAPH_REQUEST_URL: `${request.url}/graphql`, ...timeouts },
      GATEWAY_PORT,
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await request?.stop();
    await issuer?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers an 11 MiB file (over the default 10 MiB) with a JSON 413 every time, through the gateway and straight to request', async () => {
    // A real PNG's start, so that only the size can be the reason.
    const { body, contentType } = multipart([
      { name: 'file', filename: 'ijazah.png', contentType: 'image/png', data: Buffer.concat([pngWith('ijazah'), randomBytes(11 * MIB)]) },
    ]);
    const tooLarge = uploadError('BAD_USER_INPUT', 'UPLOAD.TOO_LARGE', 'Berkas terlalu besar; ukuran maksimal 10 MB.');
    // Repeated: the reset came from a race (request hanging up while the gateway still carried the body).
    for (const base of [gateway.url, request.url]) {
      for (let i = 0; i < 8; i++) {
        const answer = await postUpload(base, body, { ...as('ani'), 'content-type': contentType });
        expect({ base, status: answer.status, json: answer.json }).toEqual({ base, status: 413, json: tooLarge });
      }
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a body declared at 200 MB from its headers, at once, and never asks a waiting client for it', async () => {
    const tooLarge = uploadError('BAD_USER_INPUT', 'UPLOAD.TOO_LARGE', 'The file is too large; the maximum size is 10 MB.');
    const declared = { ...as('budi', 'en'), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * MIB) };
    for (const base of [gateway.url, request.url]) {
      const upload = unsentUpload(base, declared);
      const answer = await upload.answer;
      upload.abandon();
      expect({ base, status: answer.status, json: answer.json }).toEqual({ base, status: 413, json: tooLarge });
    }
    // A client that waits for "100 Continue" hears the refusal instead, and sends nothing.
    const polite = unsentUpload(gateway.url, { ...declared, expect: '100-continue' });
    const answer = await polite.answer;
    polite.abandon();
    expect({ status: answer.status, json: answer.json, continued: polite.continued() }).toEqual({ status: 413, json: tooLarge, continued: false });
    // One it would take is asked for its body, and stored.
    const { body, contentType } = multipart([{ name: 'file', filename: 'ktp.pdf', data: pdfWith('KTP Budi') }]);
    const stored = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(new URL('/uploads', gateway.url), {
        method: 'POST',
        headers: { ...as('budi'), 'content-type': contentType, 'content-length': String(body.length), expect: '100-continue' },
      });
      req.on('continue', () => req.end(body));
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(stored).toBe(201);
  });

  it('cuts off an upload whose body stalls with a JSON 408, and frees its slot for the next upload', async () => {
    const boundary = 'serang-stall';
    const head = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kk.png"\r\n\r\n`),
      pngWith('kartu keluarga'),
    ]);
    const headers = { ...as('ani'), 'content-type': `multipart/form-data; boundary=${boundary}` };
    const stalled = uploadError('BAD_USER_INPUT', 'UPLOAD.STALLED', 'Unggahan terhenti: tidak ada data selama 1 detik; silakan unggah ulang.');
    for (const base of [gateway.url, request.url]) {
      // The gateway cut its stalled upload off on its own clock and hung up on request, which gives
      // the slot back once it sees the hang-up: a moment later on a busy machine. Until then request
      // answers BUSY with Retry-After, and a client tries again, as this one does.
      let answer: Awaited<ReturnType<typeof stalledUpload>['answer']>;
      for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 100))) {
        const upload = stalledUpload(base, head, headers);
        answer = await upload.answer;
        upload.abandon();
        if (!(answer.status === 429 && base === request.url && Date.now() < deadline)) break;
      }
      expect({ base, status: answer.status, json: answer.json }).toEqual({ base, status: 408, json: stalled });
    }
    // request answered the last one itself, after giving its only upload slot back.
    const next = await uploadFile(request.url, { name: 'file', filename: 'kk.pdf', data: pdfWith('Kartu keluarga Ani') }, as('ani'));
    expect(next.status).toBe(201);
  });

  it('cuts off a GraphQL request whose body stalls with a JSON 408 in the caller’s language', async () => {
    const answer = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = httpRequest(new URL('/graphql', gateway.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '100', 'accept-language': 'en' },
      });
      req.on('error', () => undefined);
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        });
        res.on('error', reject);
      });
      req.write('{"query":');
    });
    expect(answer).toEqual({
      status: 408,
      body: {
        errors: [
          {
            message: 'The request body stalled (1 s without data); please send it again.',
            extensions: { code: 'BAD_REQUEST', reason: 'GATEWAY.BODY_STALLED' },
          },
        ],
      },
    });
  });
});
