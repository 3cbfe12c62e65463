import { PostgresEventStore } from '@serang/eventstore';
import {
  createTestDatabase,
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
const LIMIT = 50;
const BURST = 400;
/** The provider answers "too many" (429) to this many requests first. */
const THROTTLED = 30;

/**
 * A provider's rate limit: a burst of messages queues in the outbox and drains at the configured
 * pace, and the provider's own 429s only delay — with one attempt allowed per message, a 429 that
 * counted as an attempt would park it. The sandbox sink stands in for the SMS gateway.
 */
describe('provider rate limits (notification process, real PostgreSQL, a recording sink)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let sink: HttpRecorder;
  const arrivals: number[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('notification_rate');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 4 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    let seen = 0;
    sink = await startHttpRecorder(() => {
      seen++;
      if (seen <= THROTTLED) return { status: 429 };
      arrivals.push(Date.now());
      return { status: 200 };
    });
    svc = await startServiceProcess(
      ENTRY,
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        LOG_LEVEL: 'error',
        NOTIFICATION_SANDBOX_URL: `${sink.url}/sink`,
        SMS_GATEWAY_URL: 'https://sms.example.id/send',
        NOTIFICATION_RATE_LIMITS: `sms=${LIMIT}`,
        NOTIFICATION_MAX_ATTEMPTS: '1',
      },
      testPort(4958),
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

  it(`drains a burst of ${BURST} at ${LIMIT} a second, nothing failed, the provider's 429s only delaying`, async () => {
    const at = new Date().toISOString();
    await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const applicationId = uuidv7();
        const applicantId = uuidv7();
        const data = {
          applicationId,
          trackingNumber: `SRG-2026-${String(200000 + i)}`,
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
      }),
    );
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { rows } = await sql
        .query<{ status: string; n: number }>(`select status, count(*)::int as n from notification.deliveries group by status`)
        .catch(() => ({ rows: [] as Array<{ status: string; n: number }> }));
      if (rows.length === 1 && rows[0].status === 'delivered' && rows[0].n === BURST) break;
      expect(rows.filter((r) => !['created', 'sending', 'delivered'].includes(r.status))).toEqual([]);
      if (Date.now() > deadline) throw new Error(`not drained: ${JSON.stringify(rows)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(arrivals).toHaveLength(BURST);
    expect(sink.requests()).toHaveLength(BURST + THROTTLED);
    // Never more than a second's tokens saved up plus a second's refill within any second of
    // sending. Arrivals are timed at the receiver, where calls sent up to a few tens of ms apart
    // (an event-loop pause, a slow socket) can land closer together: a quarter second of refill
    // is allowed for that, far below what an unlimited channel sends (the whole burst at once).
    arrivals.sort((a, b) => a - b);
    let busiest = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i] - arrivals[j] >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(2 * LIMIT + LIMIT / 4);
    // The whole burst took at least what the limit allows: (BURST − one bucket) / LIMIT seconds.
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(((BURST - 2 * LIMIT) / LIMIT) * 1000);
  });
});
