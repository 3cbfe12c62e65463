import { PostgresEventStore } from '@serang/eventstore';
import {
  createTestDatabase,
  gql,
  startHttpRecorder,
  startServiceProcess,
  startTestIssuer,
  testPort,
  type HttpRecorder,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
} from '@serang/testing';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

const ENTRY = 'services/notification/src/main.ts';
const PARKED =
  'query ($first: Int, $before: ID) { parkedMessages(first: $first, before: $before) { id channel kind recipientId attempts lastError parkedAt } }';
const REDRIVE = 'mutation ($id: ID!) { redriveParkedMessage(id: $id) { id attempts } }';
const REDRIVE_ALL = 'mutation ($channel: String) { redriveParkedMessages(channel: $channel) }';

interface Parked {
  id: string;
  channel: string;
  kind: string;
  recipientId: string;
  attempts: number;
  lastError: string | null;
}

/**
 * Parked messages: a provider that fails every attempt parks the message (technical-failure);
 * platform admins see it — ids and the last error, no address — and send it again once the
 * provider is back. The sandbox sink stands in for the provider (no identity runs here).
 */
describe('parked messages (notification process, real PostgreSQL, a failing then healthy sink)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let sink: HttpRecorder;
  let sinkDown = true;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('notification_parked');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    sink = await startHttpRecorder(() => (sinkDown ? { status: 503 } : { status: 200 }));
    svc = await startServiceProcess(
      ENTRY,
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        LOG_LEVEL: 'error',
        NOTIFICATION_SANDBOX_URL: `${sink.url}/sink`,
        SMS_GATEWAY_URL: 'https://sms.example.id/send',
        NOTIFICATION_MAX_ATTEMPTS: '2',
        NOTIFICATION_RETRY_BASE_SECONDS: '0.1',
      },
      testPort(4957),
    );
    for (const [who, roles, agency] of [
      ['platform', ['PLATFORM_ADMIN'], undefined],
      ['agencyAdmin', ['AGENCY_ADMIN'], 'disnakertrans'],
      ['officer', ['OFFICER'], 'disnakertrans'],
      ['citizen', ['CITIZEN'], undefined],
    ] as const)
      headers[who] = { authorization: `Bearer ${await issuer.token({ sub: uuidv7(), roles: [...roles], agency })}` };
  });
  afterAll(async () => {
    await svc?.stop();
    await sink?.close();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
  });

  async function submitted(trackingNumber: string): Promise<string> {
    const applicationId = uuidv7();
    const applicantId = uuidv7();
    const at = new Date().toISOString();
    const data = {
      applicationId,
      trackingNumber,
      serviceId: 'disnakertrans-ak1',
      serviceVersion: 1,
      agencyId: 'disnakertrans',
      applicantId,
      formCiphertext: 'v1.k1.eA==',
      documentIds: [],
      submittedAt: at,
      dueAt: '2026-12-31T16:59:59.999Z',
      status: 'SUBMITTED',
    };
    const metadata = { tenant: '3604', occurredAt: at, schemaVersion: 1, actor: { id: applicantId, role: 'CITIZEN' } };
    await store.append(`application-${applicationId}`, [{ id: uuidv7(), type: 'ApplicationSubmitted', data, metadata }], 'any');
    return applicantId;
  }
  async function until<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const parked = async (vars: Record<string, unknown> = {}) => {
    const r = await gql<{ parkedMessages: Parked[] }>(svc.url, PARKED, vars, headers.platform);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.parkedMessages;
  };

  let first: Parked;
  it('shows platform admins the messages given up after every retry: ids and the last error, no address', async () => {
    const applicants = [await submitted('SRG-2026-100001'), await submitted('SRG-2026-100002'), await submitted('SRG-2026-100003')];
    const list = await until(async () => {
      const p = await parked();
      return p.length === 3 ? p : undefined;
    }, 'three parked');
    expect(new Set(list.map((p) => p.recipientId))).toEqual(new Set(applicants));
    for (const p of list) expect(p).toMatchObject({ channel: 'sms', kind: 'APPLICATION_SUBMITTED', attempts: 2, lastError: 'sandbox sink 503' });
    // Two attempts each reached the sink, nothing more.
    expect(sink.requests()).toHaveLength(6);
    // Paging: two, then the rest.
    const page1 = await parked({ first: 2 });
    const page2 = await parked({ first: 2, before: page1[1].id });
    expect([...page1, ...page2].map((p) => p.id)).toEqual(list.map((p) => p.id));
    first = list[0];
  });

  it('answers only platform admins', async () => {
    for (const [query, vars] of [
      [PARKED, {}],
      [REDRIVE, { id: uuidv7() }],
      [REDRIVE_ALL, {}],
    ] as const) {
      expect((await gql(svc.url, query, vars)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      for (const who of ['agencyAdmin', 'officer', 'citizen'])
        expect({ who, code: (await gql(svc.url, query, vars, headers[who])).errors?.[0]?.extensions?.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
  });

  it('redrives one message once the provider is back: sent under the same key; a message not parked is NOT_FOUND', async () => {
    sinkDown = false;
    const res = await gql<{ redriveParkedMessage: { id: string; attempts: number } }>(svc.url, REDRIVE, { id: first.id }, headers.platform);
    expect(res.data!.redriveParkedMessage).toEqual({ id: first.id, attempts: 0 });
    const sent = await sink.waitFor(
      (r) => r.headers['idempotency-key'] === first.id && sink.requests().filter((q) => q.headers['idempotency-key'] === first.id).length === 3,
    );
    expect((sent.json as { key: string }).key).toBe(first.id);
    await until(
      async () =>
        (await sql.query(`select 1 from notification.deliveries where id = $1 and status = 'delivered'`, [first.id])).rowCount ? true : undefined,
      'delivered',
    );
    expect((await parked()).map((p) => p.id)).not.toContain(first.id);
    const again = await gql(svc.url, REDRIVE, { id: first.id }, headers.platform);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOTIFICATION.PARKED_NOT_FOUND' });
    const english = await gql(svc.url, REDRIVE, { id: 'nope' }, { ...headers.platform, 'accept-language': 'en' });
    expect(english.errors?.[0]?.message).toBe('Parked message nope was not found.');
  });

  it('redrives every parked message of a channel at once', async () => {
    expect((await gql(svc.url, REDRIVE_ALL, { channel: 'fax' }, headers.platform)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql<{ redriveParkedMessages: number }>(svc.url, REDRIVE_ALL, { channel: 'email' }, headers.platform)).data).toEqual({
      redriveParkedMessages: 0,
    });
    expect((await gql<{ redriveParkedMessages: number }>(svc.url, REDRIVE_ALL, { channel: 'sms' }, headers.platform)).data).toEqual({
      redriveParkedMessages: 2,
    });
    await until(
      async () => ((await sql.query(`select 1 from notification.deliveries where status = 'delivered'`)).rowCount === 3 ? true : undefined),
      'all delivered',
    );
    expect(await parked()).toEqual([]);
  });
});
