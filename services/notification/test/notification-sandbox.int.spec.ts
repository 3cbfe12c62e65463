import { PostgresEventStore } from '@serang/eventstore';
import {
  createTestDatabase,
  startHttpRecorder,
  startServiceProcess,
  startSmtpRecorder,
  startTestIssuer,
  testPort,
  type HttpRecorder,
  type RunningProcess,
  type SmtpRecorder,
  type TestDatabase,
  type TestIssuer,
} from '@serang/testing';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

const ENTRY = 'services/notification/src/main.ts';

/**
 * The sandbox: with every channel configured against real (recording) providers, and a sink set,
 * every message goes to the sink addressed by person id, and no provider hears anything — a load
 * test on a real deployment reaches nobody. No identity runs here: the sandbox reads no contact.
 */
describe('notification sandbox (its own process, real PostgreSQL, a recording sink)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let sink: HttpRecorder;
  let providers: HttpRecorder;
  let smtp: SmtpRecorder;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('notification_sandbox');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    sink = await startHttpRecorder();
    providers = await startHttpRecorder();
    smtp = await startSmtpRecorder();
    svc = await startServiceProcess(ENTRY, env(sink), testPort(4952));
  });
  const env = (to: HttpRecorder, extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.url,
    IDENTITY_JWKS_URL: issuer.jwksUrl,
    LOG_LEVEL: 'warn',
    NOTIFICATION_SANDBOX_URL: `${to.url}/sink`,
    NOTIFICATION_SMTP_URL: smtp.url,
    SMS_GATEWAY_URL: `${providers.url}/sms`,
    WHATSAPP_API_URL: providers.url,
    WHATSAPP_PHONE_NUMBER_ID: '1098765',
    ...extra,
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
    await store.append(
      `application-${applicationId}`,
      [
        {
          id: uuidv7(),
          type: 'ApplicationSubmitted',
          data,
          metadata: { tenant: '3604', occurredAt: at, schemaVersion: 1, actor: { id: applicantId, role: 'CITIZEN' } },
        },
      ],
      'no_stream',
    );
    return applicantId;
  }
  afterAll(async () => {
    await svc?.stop();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
    await sink?.close();
    await providers?.close();
    await smtp?.close();
  });

  it('routes e-mail, SMS and WhatsApp to the sink, one message per channel, and reaches no provider', async () => {
    const applicantId = await submitted('SRG-26-SANDBX-1');

    for (const channel of ['email', 'sms', 'whatsapp']) await sink.waitFor((r) => (r.json as { channel?: string } | undefined)?.channel === channel);
    const received = sink.requests().map((r) => r.json as { channel: string; key: string; recipientId: string; text: string });
    expect(received.map((m) => m.channel).sort()).toEqual(['email', 'sms', 'whatsapp']);
    for (const m of received) {
      expect(m).toMatchObject({ recipientId: applicantId, text: expect.stringContaining('SRG-26-SANDBX-1') });
      expect(Object.keys(m)).not.toContain('to');
    }
    // The sink's acceptance is the sandbox's receipt: delivered, once the dispatcher has written it down.
    const statuses = async () =>
      (
        await sql.query<{ id: string; status: string }>(`select id, status from notification.deliveries where recipient_id = $1 order by channel`, [
          applicantId,
        ])
      ).rows;
    for (let i = 0; i < 100 && (await statuses()).some((r) => r.status !== 'delivered'); i++) await new Promise((r) => setTimeout(r, 100));
    const rows = await statuses();
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(new Set(received.map((m) => m.key))).toEqual(new Set(rows.map((r) => r.id)));
    // Given a moment to go astray, nothing reached a provider.
    await new Promise((r) => setTimeout(r, 1000));
    expect(providers.requests()).toEqual([]);
    expect(smtp.mails()).toEqual([]);
    expect(sink.requests()).toHaveLength(3);
  });

  it('loses nothing and sends each message under one key when the process is killed (kill -9) mid-send', async () => {
    await svc.stop();
    // A sink that hangs: every message is in flight, taken (sending, one attempt) but unanswered.
    let hold = true;
    const slow = await startHttpRecorder(() => (hold ? 'hang' : { status: 200, body: {} }));
    try {
      svc = await startServiceProcess(ENTRY, env(slow, { NOTIFICATION_SEND_LEASE_SECONDS: '2' }), testPort(4952));
      const people: string[] = [];
      for (let i = 1; i <= 5; i++) people.push(await submitted(`SRG-26-KILL0${i}-X`));
      // Taken and in flight: at least one message (a dispatcher round waits on its whole batch).
      await slow.waitFor(() => true, 30_000);
      await new Promise((r) => setTimeout(r, 300));
      const inFlight = slow.requests().length;
      svc.child.kill('SIGKILL');
      await svc.stop();
      hold = false;
      svc = await startServiceProcess(ENTRY, env(slow, { NOTIFICATION_SEND_LEASE_SECONDS: '2' }), testPort(4952));

      const rowsOf = async () =>
        (
          await sql.query<{ id: string; status: string; attempts: number }>(
            `select id, status, attempts from notification.deliveries where recipient_id = any($1)`,
            [people],
          )
        ).rows;
      for (let i = 0; i < 150 && (await rowsOf()).some((r) => r.status !== 'delivered'); i++) await new Promise((r) => setTimeout(r, 100));
      const rows = await rowsOf();
      expect(rows).toHaveLength(15);
      expect(rows.every((r) => r.status === 'delivered')).toBe(true);
      // What was in flight when the process died went again after the lease, under the same key
      // (the receiving side drops the copy by key); the rest went once; no message is missing.
      const keys = slow.requests().map((r) => (r.json as { key: string }).key);
      const sends = new Map<string, number>();
      for (const k of keys) sends.set(k, (sends.get(k) ?? 0) + 1);
      expect(new Set(keys)).toEqual(new Set(rows.map((r) => r.id)));
      expect(rows.filter((r) => r.attempts === 2)).toHaveLength(inFlight);
      for (const r of rows) expect({ key: r.id, sends: sends.get(r.id) }).toEqual({ key: r.id, sends: r.attempts });
      expect(keys).toHaveLength(15 + inFlight);
    } finally {
      await slow.close();
    }
  });
});
