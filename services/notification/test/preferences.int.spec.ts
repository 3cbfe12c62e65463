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
const GET = '{ myNotificationPreferences { optedOutChannels quietHours { startMinute endMinute } } }';
const SET =
  'mutation ($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { optedOutChannels quietHours { startMinute endMinute } } }';

/**
 * Per-person preferences: a channel turned off gets nothing (the inbox always does), and a
 * non-urgent message waits out the person's quiet hours while an urgent one goes at once. SMS and
 * WhatsApp go to the sandbox sink (no identity here).
 */
describe('notification preferences (notification process, real PostgreSQL, a recording sink)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let sink: HttpRecorder;
  const ani = uuidv7();
  const budi = uuidv7();
  const auth = async (who: string, lang = 'id') => ({
    authorization: `Bearer ${await issuer.token({ sub: who, roles: ['CITIZEN'] })}`,
    'accept-language': lang,
  });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('notification_prefs');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    sink = await startHttpRecorder();
    svc = await startServiceProcess(
      ENTRY,
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        LOG_LEVEL: 'error',
        NOTIFICATION_SANDBOX_URL: `${sink.url}/sink`,
        SMS_GATEWAY_URL: 'https://sms.example.id/send',
        WHATSAPP_PHONE_NUMBER_ID: '1098765',
      },
      testPort(4959),
    );
  });
  afterAll(async () => {
    await svc?.stop();
    await sink?.close();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
  });

  async function append(streamId: string, type: string, data: Record<string, unknown>, actor: { id: string; role: string }): Promise<void> {
    const metadata = { tenant: '3604', occurredAt: new Date().toISOString(), schemaVersion: 1, actor };
    await store.append(streamId, [{ id: uuidv7(), type, data, metadata }], 'any');
  }
  async function submitted(applicantId: string): Promise<string> {
    const applicationId = uuidv7();
    await append(
      `application-${applicationId}`,
      'ApplicationSubmitted',
      {
        applicationId,
        trackingNumber: `SRG-2026-${applicationId.slice(-6)}`,
        serviceId: 'disnakertrans-ak1',
        serviceVersion: 1,
        agencyId: 'disnakertrans',
        applicantId,
        formCiphertext: 'v1.k1.eA==',
        documentIds: [],
        submittedAt: new Date().toISOString(),
        dueAt: '2026-12-31T16:59:59.999Z',
        status: 'SUBMITTED',
      },
      { id: applicantId, role: 'CITIZEN' },
    );
    return applicationId;
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
  const rowsOf = async (recipient: string) =>
    (
      await sql.query<{ channel: string; kind: string; next_attempt_at: Date | null; status: string }>(
        'select channel, kind, next_attempt_at, status from notification.deliveries where recipient_id = $1 order by created_at, channel',
        [recipient],
      )
    ).rows;

  it("keeps each person's own preferences, refusing unknown channels and impossible hours in the caller's language", async () => {
    expect((await gql(svc.url, GET, {}, await auth(ani))).data).toEqual({ myNotificationPreferences: { optedOutChannels: [], quietHours: null } });
    expect((await gql(svc.url, GET)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(svc.url, SET, { input: { optedOutChannels: [] } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await gql(svc.url, SET, { input: { optedOutChannels: ['inbox'] } }, await auth(ani, 'en'));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTIFICATION.PREFERENCES_INVALID' });
    expect(bad.errors?.[0]?.extensions?.fields).toEqual({ optedOutChannels: 'A channel must be email, sms or whatsapp.' });
    const hours = await gql(svc.url, SET, { input: { optedOutChannels: [], quietHours: { startMinute: 5, endMinute: 5 } } }, await auth(ani));
    expect(hours.errors?.[0]?.extensions?.fields).toEqual({ quietHours: 'Jam tenang: menit 0–1439, awal dan akhir berbeda.' });
    const set = await gql(svc.url, SET, { input: { optedOutChannels: ['whatsapp'] } }, await auth(ani));
    expect(set.data).toEqual({ updateNotificationPreferences: { optedOutChannels: ['whatsapp'], quietHours: null } });
    // Another person's are their own.
    expect((await gql(svc.url, GET, {}, await auth(budi))).data).toEqual({ myNotificationPreferences: { optedOutChannels: [], quietHours: null } });
  });

  it('sends nothing on a channel the person turned off; the inbox and the other channels still get it', async () => {
    await until(
      async () => ((await sql.query('select 1 from notification.preferences where person_id = $1', [ani])).rowCount ? true : undefined),
      'preferences projected',
    );
    const app = await submitted(ani);
    await until(async () => ((await rowsOf(ani)).some((r) => r.status === 'delivered') ? true : undefined), 'sms sent');
    expect((await rowsOf(ani)).map((r) => r.channel)).toEqual(['sms']);
    expect(
      sink
        .requests()
        .filter((r) => (r.json as { recipientId: string }).recipientId === ani)
        .map((r) => (r.json as { channel: string }).channel),
    ).toEqual(['sms']);
    const inbox = await sql.query('select 1 from notification.inbox where recipient_id = $1', [ani]);
    expect(inbox.rowCount).toBe(1);
    expect(app).toBeDefined();
  });

  it('holds a non-urgent message until the quiet hours end; an urgent one goes at once', async () => {
    // Quiet hours around now (Asia/Jakarta): from an hour ago to an hour ahead.
    const wib = (Date.now() + 7 * 3600_000) % 86_400_000;
    const minute = Math.floor(wib / 60_000);
    const quietHours = { startMinute: (minute + 1440 - 60) % 1440, endMinute: (minute + 60) % 1440 };
    expect((await gql(svc.url, SET, { input: { optedOutChannels: ['whatsapp'], quietHours } }, await auth(budi))).errors).toBeUndefined();
    await until(
      async () => ((await sql.query('select 1 from notification.preferences where person_id = $1', [budi])).rowCount ? true : undefined),
      'projected',
    );
    const app = await submitted(budi);
    const held = await until(async () => {
      const rows = await rowsOf(budi);
      return rows.length ? rows : undefined;
    }, 'outbox row');
    expect(held).toHaveLength(1);
    expect(held[0].status).toBe('created');
    const waitMs = held[0].next_attempt_at!.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(55 * 60_000);
    expect(waitMs).toBeLessThanOrEqual(61 * 60_000);
    // A revision request is urgent: the citizen must act.
    await append(
      `application-${app}`,
      'ApplicationTransitioned',
      {
        applicationId: app,
        action: 'REQUEST_REVISION',
        fromStatus: 'IN_REVIEW',
        toStatus: 'REVISION_REQUESTED',
        actorRole: 'OFFICER',
        actorId: uuidv7(),
        noteCiphertext: 'v1.k1.eA==',
        version: 2,
        at: new Date().toISOString(),
        dueAt: '',
        outcome: '',
      },
      { id: uuidv7(), role: 'OFFICER' },
    );
    await until(
      async () => ((await rowsOf(budi)).some((r) => r.kind === 'REVISION_REQUESTED' && r.status === 'delivered') ? true : undefined),
      'urgent sent',
    );
    expect((await rowsOf(budi)).find((r) => r.kind === 'APPLICATION_SUBMITTED')!.status).toBe('created');
  });
});
