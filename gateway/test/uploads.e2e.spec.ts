import { createPool } from '@serang/db';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, toNewEvents } from '@serang/eventstore';

import {
  createTestDatabase,
  pdfWith,
  pngWith,
  stalledUpload,
  startServiceProcess,
  startTestIssuer,
  uploadFile,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
  testPort,
} from '@serang/testing';
import { Pool } from 'pg';

const REQUEST_PORT = testPort(4936);
const GATEWAY_PORT = testPort(4937);
const MAX_BYTES = 256 * 1024;

/**
 * SPEC.md "Uploads" as a client sees it: `POST /uploads` on the gateway's origin, streamed to
 * request. Only request runs behind the gateway: the supergraph is static, and the gateway
 * contacts only the subgraphs an operation needs.
 */
describe('uploads through the gateway (request and the gateway, real PostgreSQL)', () => {
  let db: TestDatabase;
  let pg: Pool;
  let store: PostgresEventStore;
  let issuer: TestIssuer;
  let request: RunningProcess;
  let gateway: RunningProcess;
  let dir: string;
  const sessions: Record<string, string> = {};
  const people: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const as = (who: string, lang?: string) => ({ authorization: `Bearer ${tokens[who]}`, ...(lang ? { 'accept-language': lang } : {}) });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('gateway_uploads');
    pg = createPool({ connectionString: db.url, max: 2, name: 'test' });
    dir = await mkdtemp(join(tmpdir(), 'serang-gw-uploads-'));
    for (const who of ['ani', 'budi', 'leaving', 'leavingElsewhere']) {
      people[who] = `citizen-${who}-${randomUUID()}`;
      sessions[who] = `s-${randomUUID()}`;
    }
    people.leavingElsewhere = people.leaving; // the same person, signed in on a second device
    for (const who of Object.keys(people)) tokens[who] = await issuer.token({ sub: people[who], sid: sessions[who], roles: ['CITIZEN'] });
    request = await startServiceProcess(
      'services/request/src/main.ts',
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        UPLOADS_DIR: dir,
        UPLOAD_MAX_BYTES: String(MAX_BYTES),
        LOG_LEVEL: 'warn',
      },
      REQUEST_PORT,
    );
    gateway = await startServiceProcess(
      'gateway/src/main.ts',
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        SUBGRAPH_REQUEST_URL: `${request.url}/graphql`,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      GATEWAY_PORT,
    );
    store = await PostgresEventStore.connect({ connectionString: db.url });
  });
  afterAll(async () => {
    await gateway?.stop();
    await request?.stop();
    await store?.close();
    await pg?.end();
    await issuer?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts with only request behind it, and still answers GraphQL that needs only request', async () => {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...as('ani') },
      body: JSON.stringify({ query: '{ myApplications { id } }' }),
    });
    expect(await res.json()).toEqual({ data: { myApplications: [] } });
  });

  let id: string;
  const pdf = pdfWith('Surat keterangan domisili Ani');

  it('stores a document sent to the gateway and hands it back to its owner through the gateway', async () => {
    const up = await uploadFile(gateway.url, { name: 'file', filename: 'domisili.pdf', contentType: 'application/pdf', data: pdf }, as('ani'));
    expect(up.status).toBe(201);
    expect(up.json).toEqual({ id: expect.any(String), mediaType: 'application/pdf', size: pdf.length });
    id = up.json.id!;
    const owner = await pg.query('select owner_id from request.documents where id = $1', [id]);
    expect(owner.rows).toEqual([{ owner_id: people.ani }]);

    const back = await fetch(`${gateway.url}/uploads/${id}`, { headers: as('ani') });
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(pdf)).toBe(true);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(back.headers.get('content-disposition')).toBe(`attachment; filename="${id}.pdf"; filename*=UTF-8''domisili.pdf`);
    expect(back.headers.get('x-content-type-options')).toBe('nosniff');
    expect(back.headers.get('cache-control')).toBe('private, no-store');

    const theirs = await fetch(`${gateway.url}/uploads/${id}`, { headers: as('budi', 'en') });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual({
      error: { code: 'NOT_FOUND', reason: 'DOCUMENT.NOT_FOUND', message: 'The document was not found.' },
      errors: [{ message: 'The document was not found.', extensions: { code: 'NOT_FOUND', reason: 'DOCUMENT.NOT_FOUND' } }],
    });
  });

  it('passes request’s refusals on: content that is not a document, and an oversized upload cut off before it ends', async () => {
    const html = await uploadFile(
      gateway.url,
      { name: 'file', filename: 'ktp.pdf', contentType: 'application/pdf', data: '<html><body>KTP</body></html>' },
      as('budi', 'en'),
    );
    expect(html.status).toBe(415);
    expect(html.json.error).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'UPLOAD.TYPE_NOT_ALLOWED',
      message: 'This kind of file is not accepted; upload a PDF document or a JPEG/PNG image.',
    });

    const before = await readdir(dir);
    const boundary = 'serang-gw-big';
    const head = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="besar.png"\r\n\r\n`),
      pngWith('big'),
      randomBytes(MAX_BYTES + 32 * 1024),
    ]);
    // The body never ends: the 413 can only come back if neither the gateway nor request waited for it.
    const upload = stalledUpload(gateway.url, head, { ...as('budi'), 'content-type': `multipart/form-data; boundary=${boundary}` });
    const answer = await upload.answer;
    upload.abandon();
    expect(answer.status).toBe(413);
    expect(answer.json.error).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'UPLOAD.TOO_LARGE',
      message: 'Berkas terlalu besar; ukuran maksimal 256 KB.',
    });
    expect(await readdir(dir)).toEqual(before);
    const { rows } = await pg.query('select count(*)::int as n from request.documents where owner_id = $1', [people.budi]);
    expect(rows[0].n).toBe(0);
  });

  it('verifies the token before passing anything on, and refuses the tokens of a signed-out session', async () => {
    const file = { name: 'file', filename: 'a.pdf', data: pdfWith('token check') };
    const anonymous = await uploadFile(gateway.url, file);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toEqual({ code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED', message: 'Silakan masuk terlebih dahulu.' });
    const forged = await uploadFile(gateway.url, file, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'accept-language': 'en' });
    expect(forged.status).toBe(401);
    expect(forged.json.error).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'AUTH.INVALID_TOKEN',
      message: 'The access token is invalid or has expired.',
    });
    expect((await fetch(`${gateway.url}/uploads/${id}`)).status).toBe(401);

    expect((await uploadFile(gateway.url, file, as('leaving'))).status).toBe(201);
    // Identity records the sign-out as it does: SessionRevoked on the person's stream.
    const revokedAt = new Date();
    await store.append(
      `person-${people.leaving}`,
      toNewEvents([{ type: 'SessionRevoked', data: { sessionId: sessions.leaving, revokedAt: revokedAt.toISOString(), reason: 'LOGOUT' } }], {
        now: revokedAt,
        tenant: '3604',
        actor: { id: people.leaving, role: 'CITIZEN' },
      }),
      'any',
    );
    const deadline = Date.now() + 10_000;
    let refused = await uploadFile(gateway.url, file, as('leaving', 'en'));
    while (refused.status !== 401 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      refused = await uploadFile(gateway.url, file, as('leaving', 'en'));
    }
    expect(refused.status).toBe(401);
    expect(refused.json.error).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'AUTH.SESSION_REVOKED',
      message: 'This session has ended; please sign in again.',
    });
    // request alone would still accept that token: only the gateway knows the session ended.
    expect((await uploadFile(request.url, file, as('leaving'))).status).toBe(200);
    // The person's other session is untouched.
    expect((await uploadFile(gateway.url, file, as('leavingElsewhere'))).status).toBe(200);
  });
});
