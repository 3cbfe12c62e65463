import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { PostgresEventStore } from '@serang/eventstore';
import {
  createTestDatabase,
  gql,
  startHttpRecorder,
  startServiceProcess,
  startTestIssuer,
  testPort,
  type HttpRecorder,
  type RecordedRequest,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
} from '@serang/testing';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { v7 as uuidv7 } from 'uuid';
import { webhookMessages } from '../src/webhooks';

const PORT = testPort(4956);
const ENTRY = 'services/notification/src/main.ts';
const AGENCY = 'disnakertrans';
const SUB_FIELDS = 'id systemId url eventTypes status disabledReason secretVersion';
const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { ${SUB_FIELDS} } } }`;
const ROTATE = `mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret subscription { ${SUB_FIELDS} } } }`;
const DISABLE = `mutation ($id: ID!) { disableWebhookSubscription(id: $id) { ${SUB_FIELDS} } }`;
const ENABLE = `mutation ($id: ID!) { enableWebhookSubscription(id: $id) { ${SUB_FIELDS} } }`;
const REPLAY = `mutation ($id: ID!, $from: DateTime!) { replayWebhookDeliveries(id: $id, from: $from) { ${SUB_FIELDS} } }`;
const LIST = `{ webhookSubscriptions { ${SUB_FIELDS} } }`;
const LOG = `query ($id: ID!, $first: Int) { webhookDeliveries(subscriptionId: $id, first: $first) { id applicationId eventType status attempts lastResponseStatus lastError replayOf cursor } }`;
const ALL_TYPES = [
  'ApplicationSubmitted',
  'ApplicationClaimed',
  'ApplicationTransitioned',
  'ApplicationResubmitted',
  'ApplicationCancelled',
  'ApplicationSlaWarningRaised',
  'ApplicationSlaBreached',
];

interface Sub {
  id: string;
  status: string;
  disabledReason: string | null;
  secretVersion: number;
}
interface Payload {
  type: string;
  timestamp: string;
  data: { applicationId: string; trackingNumber: string; status: string; version: number };
}

/**
 * Agency systems' webhooks against real receivers (HTTP servers on 127.0.0.1, allow-listed as a
 * platform admin would), signatures checked with the `standardwebhooks` library as a receiver
 * would. Retry timing is scaled down by configuration: "hours" are seconds here, "a day" is 8 s.
 */
describe('webhooks to agency systems (notification process, real PostgreSQL, real HTTP receivers)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let receiver: HttpRecorder;
  let receiverDown = false;
  const system = uuidv7();
  const otherSystem = uuidv7();
  const admin = uuidv7();
  const applicant = uuidv7();
  let adminHeaders: Record<string, string>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('notification_webhooks');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    receiver = await startHttpRecorder(() => (receiverDown ? { status: 503 } : { status: 204 }));
    svc = await startServiceProcess(
      ENTRY,
      {
        DATABASE_URL: db.url,
        IDENTITY_JWKS_URL: issuer.jwksUrl,
        LOG_LEVEL: 'error',
        VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        NOTIFICATION_WEBHOOK_ALLOW_HTTP: 'true',
        NOTIFICATION_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        NOTIFICATION_WEBHOOK_RETRY_BASE_SECONDS: '0.2',
        NOTIFICATION_WEBHOOK_RETRY_MAX_SECONDS: '0.5',
        NOTIFICATION_WEBHOOK_DISABLE_AFTER_SECONDS: '8',
      },
      PORT,
    );
    adminHeaders = { authorization: `Bearer ${await issuer.token({ sub: admin, roles: ['AGENCY_ADMIN'], agency: AGENCY })}` };
    const system = { id: 'system', role: 'SYSTEM' };
    await append(
      `person-${admin}`,
      'StaffAccountCreated',
      { personId: admin, roles: ['AGENCY_ADMIN'], agencyId: AGENCY, emailCiphertext: 'v1.k1.eA==' },
      system,
    );
    await append(`agencysystem-${systemId()}`, 'AgencySystemRegistered', sysData(systemId(), AGENCY), system);
    await append(`agencysystem-${otherSystem}`, 'AgencySystemRegistered', sysData(otherSystem, 'bapenda'), system);
    await until(async () => ((await sql.query('select 1 from notification.agency_systems')).rowCount === 2 ? true : undefined), 'systems known');
  });
  afterAll(async () => {
    await svc?.stop();
    await receiver?.close();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
  });

  const systemId = () => system;
  const ownNameResolves = () =>
    lookup(hostname(), { all: true }).then(
      (a) => a.length > 0,
      () => false,
    );
  const sysData = (systemId: string, agencyId: string) => ({
    systemId,
    agencyId,
    name: 'SIAP Kerja',
    registeredBy: admin,
    registeredAt: new Date().toISOString(),
  });

  async function append(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    actor: { id: string; role: string; agency?: string },
  ): Promise<void> {
    const metadata = { tenant: '3604', occurredAt: new Date().toISOString(), schemaVersion: 1, actor };
    await store.append(streamId, [{ id: uuidv7(), type, data, metadata }], 'any');
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

  const officer = { id: uuidv7(), role: 'OFFICER', agency: AGENCY };
  async function submitted(n: number, agencyId = AGENCY): Promise<string> {
    const applicationId = uuidv7();
    await append(
      `application-${applicationId}`,
      'ApplicationSubmitted',
      {
        applicationId,
        trackingNumber: `SRG-2026-${String(n).padStart(6, '0')}`,
        serviceId: 'disnakertrans-ak1',
        serviceVersion: 1,
        agencyId,
        applicantId: applicant,
        formCiphertext: 'v1.k1.Rk9STQ==',
        documentIds: [],
        submittedAt: new Date().toISOString(),
        dueAt: '2026-12-20T16:59:59.999Z',
        status: 'SUBMITTED',
      },
      { id: applicant, role: 'CITIZEN' },
    );
    return applicationId;
  }
  const claimed = (applicationId: string, version: number) =>
    append(
      `application-${applicationId}`,
      'ApplicationClaimed',
      { applicationId, officerId: officer.id, officerRole: 'OFFICER', version, at: new Date().toISOString() },
      officer,
    );
  const transitioned = (applicationId: string, to: string, version: number) =>
    append(
      `application-${applicationId}`,
      'ApplicationTransitioned',
      {
        applicationId,
        action: 'APPROVE',
        fromStatus: 'IN_REVIEW',
        toStatus: to,
        actorRole: 'OFFICER',
        actorId: officer.id,
        noteCiphertext: 'v1.k1.Tk9URQ==',
        version,
        at: new Date().toISOString(),
        dueAt: '',
        outcome: '',
      },
      officer,
    );

  const create = (url: string, eventTypes = ALL_TYPES, headers = adminHeaders, systemId = system) =>
    gql<{ createWebhookSubscription: { secret: string; subscription: Sub } }>(svc.url, CREATE, { input: { systemId, url, eventTypes } }, headers);
  const hooksOf = (r: RecordedRequest[], subscriptionPath: string) => r.filter((q) => q.path === subscriptionPath);

  let sub: Sub;
  let secret = '';
  it('lets an agency admin subscribe a system of their agency, and shows a Standard Webhooks secret once', async () => {
    const res = await create(`${receiver.url}/hooks/main`);
    expect(res.errors).toBeUndefined();
    ({ secret, subscription: sub } = res.data!.createWebhookSubscription);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(sub).toMatchObject({ status: 'ACTIVE', secretVersion: 1, eventTypes: ALL_TYPES });
    // The list is a read model: it shows the subscription once projected.
    const listed = await until(async () => {
      const list = await gql<{ webhookSubscriptions: Array<Sub & { url: string }> }>(svc.url, LIST, {}, adminHeaders);
      return list.data!.webhookSubscriptions.length ? list.data!.webhookSubscriptions : undefined;
    }, 'listed');
    expect(listed.map((s) => s.id)).toEqual([sub.id]);
    // The secret is sealed: not in the table as text, not in the event.
    const { rows } = await sql.query<{ sealed: Buffer }>('select sealed from notification.webhook_secrets');
    expect(rows[0].sealed.toString('latin1')).not.toContain(secret.slice(6, 30));
    const events = await sql.query<{ data: unknown }>(`select data from eventstore.events where stream_id = $1`, [`webhook-${sub.id}`]);
    expect(events.rows).toHaveLength(1);
    expect(JSON.stringify(events.rows)).not.toContain(secret.slice(6));
  });

  it('refuses URLs that would reach the platform itself or private networks, and systems of other agencies', async () => {
    for (const [url, reason] of [
      ['http://10.1.2.3/hook', 'WEBHOOK.URL_PRIVATE'],
      ['http://169.254.169.254/latest/meta-data', 'WEBHOOK.URL_PRIVATE'],
      ['http://[::1]:8080/', 'WEBHOOK.URL_PRIVATE'],
      ['http://192.168.1.10/', 'WEBHOOK.URL_PRIVATE'],
      ['http://localhost:4000/graphql', 'WEBHOOK.URL_PRIVATE'],
      // A name is judged by the addresses it resolves to: this machine's own name is a local or private address.
      [`http://${hostname()}:4000/`, (await ownNameResolves()) ? 'WEBHOOK.URL_PRIVATE' : 'WEBHOOK.URL_UNRESOLVABLE'],
      ['ftp://example.org/', 'WEBHOOK.URL_NOT_HTTPS'],
      ['https://user:pw@example.org/', 'WEBHOOK.URL_CREDENTIALS'],
      ['not a url', 'WEBHOOK.URL_INVALID'],
    ]) {
      const res = await create(url);
      expect({ url, code: res.errors?.[0]?.extensions?.code, fields: res.errors?.[0]?.extensions?.fields }).toEqual({
        url,
        code: 'BAD_USER_INPUT',
        fields: { url: expect.any(String) },
      });
      expect({ url, reason: res.errors![0].extensions!.reason, field: (res.errors![0].extensions!.fields as Record<string, string>).url }).toEqual({
        url,
        reason: 'WEBHOOK.URL_REFUSED',
        field: webhookMessages[reason].id,
      });
    }
    const english = await gql(
      svc.url,
      CREATE,
      { input: { systemId: system, url: 'http://10.0.0.1/', eventTypes: ALL_TYPES } },
      {
        ...adminHeaders,
        'accept-language': 'en',
      },
    );
    expect(english.errors?.[0]?.message).toMatch(/cannot be used/);
    const indonesian = await create('http://10.0.0.1/');
    expect(indonesian.errors?.[0]?.message).toMatch(/tidak dapat digunakan/);
    const otherAgency = await create(`${receiver.url}/x`, ALL_TYPES, adminHeaders, otherSystem);
    expect(otherAgency.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEBHOOK.INPUT_INVALID' });
    const badTypes = await create(`${receiver.url}/x`, ['PersonErased']);
    expect(badTypes.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { eventTypes: webhookMessages['WEBHOOK.EVENT_TYPES_INVALID'].id },
    });
    expect((await sql.query('select 1 from notification.webhook_subscriptions')).rowCount).toBe(1);
  });

  it('answers only agency admins, and only for their own agency', async () => {
    const citizen = { authorization: `Bearer ${await issuer.token({ sub: applicant, roles: ['CITIZEN'] })}` };
    const officerH = { authorization: `Bearer ${await issuer.token({ sub: officer.id, roles: ['OFFICER'], agency: AGENCY })}` };
    const otherAdmin = { authorization: `Bearer ${await issuer.token({ sub: uuidv7(), roles: ['AGENCY_ADMIN'], agency: 'bapenda' })}` };
    const platformAdmin = { authorization: `Bearer ${await issuer.token({ sub: uuidv7(), roles: ['PLATFORM_ADMIN'] })}` };
    const ops: Array<[string, Record<string, unknown>]> = [
      [CREATE, { input: { systemId: system, url: `${receiver.url}/x`, eventTypes: ALL_TYPES } }],
      [ROTATE, { id: sub.id }],
      [DISABLE, { id: sub.id }],
      [ENABLE, { id: sub.id }],
      [REPLAY, { id: sub.id, from: new Date(0).toISOString() }],
      [LIST, {}],
      [LOG, { id: sub.id }],
    ];
    for (const [query, vars] of ops) {
      expect((await gql(svc.url, query, vars)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      for (const h of [citizen, officerH, platformAdmin])
        expect((await gql(svc.url, query, vars, h)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Another agency's admin: the subscription does not exist for them.
    for (const [query, vars] of ops.slice(1, 5).concat([ops[6]]))
      expect((await gql(svc.url, query, vars, otherAdmin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql<{ webhookSubscriptions: Sub[] }>(svc.url, LIST, {}, otherAdmin)).data!.webhookSubscriptions).toEqual([]);
    expect((await gql(svc.url, ROTATE, { id: 'not-an-id' }, adminHeaders)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const sub2 = await gql<{ webhookSubscriptions: Sub[] }>(svc.url, LIST, {}, adminHeaders);
    expect(sub2.data!.webhookSubscriptions[0]).toMatchObject({ status: 'ACTIVE', secretVersion: 1 });
  });

  const verify = (r: RecordedRequest, withSecret = secret): Payload =>
    new Webhook(withSecret).verify(r.body, r.headers as Record<string, string>) as Payload;

  let firstApp = '';
  it("signs each application step with the subscription's secret; the receiver verifies it with standardwebhooks; ids, status, tracking number and version only", async () => {
    firstApp = await submitted(1);
    await claimed(firstApp, 2);
    await transitioned(firstApp, 'APPROVED', 3);
    await until(async () => (hooksOf(receiver.requests(), '/hooks/main').length >= 3 ? true : undefined), 'three webhooks');
    const got = hooksOf(receiver.requests(), '/hooks/main');
    expect(got).toHaveLength(3);
    const payloads = got.map((r) => verify(r));
    expect(payloads.map((p) => [p.type, p.data.status, p.data.version])).toEqual([
      ['application.submitted', 'SUBMITTED', 1],
      ['application.claimed', 'SUBMITTED', 2],
      ['application.transitioned', 'APPROVED', 3],
    ]);
    for (const p of payloads) {
      expect(Object.keys(p.data).sort()).toEqual(['applicationId', 'status', 'trackingNumber', 'version']);
      expect(p.data).toMatchObject({ applicationId: firstApp, trackingNumber: 'SRG-2026-000001' });
    }
    for (const r of got) {
      expect(r.headers['webhook-id']).toMatch(/^msg_/);
      expect(r.body).not.toMatch(/Ciphertext|v1\.k1\.|applicant|officer/i);
    }
    // A tampered body fails verification.
    expect(() => new Webhook(secret).verify(got[0].body.replace('SUBMITTED', 'APPROVED'), got[0].headers as Record<string, string>)).toThrow();
    // The log is written after each answer: wait for the last one to be recorded.
    type LogItem = { status: string; attempts: number; eventType: string; lastResponseStatus: number };
    const log = await until(async () => {
      const r = await gql<{ webhookDeliveries: LogItem[] }>(svc.url, LOG, { id: sub.id }, adminHeaders);
      return r.data!.webhookDeliveries.every((d) => d.status === 'delivered') ? r : undefined;
    }, 'logged');
    expect(log.data!.webhookDeliveries.map((d) => [d.eventType, d.status, d.attempts, d.lastResponseStatus])).toEqual([
      ['ApplicationTransitioned', 'delivered', 1, 204],
      ['ApplicationClaimed', 'delivered', 1, 204],
      ['ApplicationSubmitted', 'delivered', 1, 204],
    ]);
  });

  it('a receiver that is down gets everything in order, once per message id, when it is back', async () => {
    const before = hooksOf(receiver.requests(), '/hooks/main').length;
    receiverDown = true;
    const a = await submitted(2);
    const b = await submitted(3);
    await claimed(a, 2);
    await transitioned(b, 'IN_REVIEW', 2);
    await transitioned(a, 'REJECTED', 3);
    await transitioned(b, 'APPROVED', 3);
    // It fails for a while: attempts back off, nothing is given up, nothing goes out of order.
    await until(async () => {
      const { rows } = await sql.query<{ n: string }>(`select sum(attempts) as n from notification.webhook_deliveries where status = 'pending'`);
      return Number(rows[0].n) >= 4 ? true : undefined;
    }, 'retries while down');
    receiverDown = false;
    await until(
      async () => ((await sql.query(`select 1 from notification.webhook_deliveries where status = 'pending'`)).rowCount === 0 ? true : undefined),
      'caught up',
    );
    const after = hooksOf(receiver.requests(), '/hooks/main').slice(before);
    // The failed attempts (503) are among them: every one signed, each message under one id.
    expect(after.length).toBeGreaterThan(6);
    const ok = new Set(
      (await sql.query<{ id: string }>(`select id from notification.webhook_deliveries where status = 'delivered'`)).rows.map((r) => r.id),
    );
    // Per application, the versions the receiver saw last for each message id are in order.
    for (const app of [a, b]) {
      const seen = after.map((r) => verify(r)).filter((p) => p.data.applicationId === app);
      const versions = seen.map((p) => p.data.version);
      expect([...versions].sort((x, y) => x - y)).toEqual(versions);
      expect(new Set(versions)).toEqual(new Set([1, 2, 3]));
    }
    const ids = after.map((r) => String(r.headers['webhook-id']));
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) expect(ok.has(id)).toBe(true);
  });

  it('rotates the secret: the new one verifies, and the old one still does for a day', async () => {
    const res = await gql<{ rotateWebhookSecret: { secret: string; subscription: Sub } }>(svc.url, ROTATE, { id: sub.id }, adminHeaders);
    expect(res.errors).toBeUndefined();
    const fresh = res.data!.rotateWebhookSecret.secret;
    expect(fresh).not.toBe(secret);
    expect(res.data!.rotateWebhookSecret.subscription.secretVersion).toBe(2);
    await until(
      async () => ((await sql.query(`select 1 from notification.webhook_subscriptions where secret_version = 2`)).rowCount === 1 ? true : undefined),
      'rotation projected',
    );
    const app = await submitted(4);
    const r = await receiver.waitFor((q) => q.path === '/hooks/main' && (q.json as Payload).data.applicationId === app);
    expect(verify(r, fresh).data.applicationId).toBe(app);
    expect(verify(r, secret).data.applicationId).toBe(app);
    expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(2);
    secret = fresh;
  });

  it('replays from a point in time on request: the same bodies under new ids, after what waited', async () => {
    const { rows } = await sql.query<{ occurred_at: Date }>(
      `select occurred_at from notification.webhook_deliveries where application_id = $1 and event_type = 'ApplicationTransitioned'`,
      [firstApp],
    );
    const from = rows[0].occurred_at;
    const expected = (
      await sql.query<{ id: string; body: string }>(
        `select id, body from notification.webhook_deliveries where subscription_id = $1 and occurred_at >= $2 and replay_of is null order by seq`,
        [sub.id, from],
      )
    ).rows;
    const before = hooksOf(receiver.requests(), '/hooks/main').length;
    const res = await gql(svc.url, REPLAY, { id: sub.id, from: from.toISOString() }, adminHeaders);
    expect(res.errors).toBeUndefined();
    await until(async () => (hooksOf(receiver.requests(), '/hooks/main').length - before >= expected.length ? true : undefined), 'replayed');
    const replayed = hooksOf(receiver.requests(), '/hooks/main').slice(before);
    expect(replayed.map((r) => r.body).sort()).toEqual(expected.map((e) => e.body).sort());
    for (const r of replayed) expect(expected.map((e) => e.id)).not.toContain(r.headers['webhook-id']);
    const future = await gql(svc.url, REPLAY, { id: sub.id, from: new Date(Date.now() + 3600_000).toISOString() }, adminHeaders);
    expect(future.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { from: webhookMessages['WEBHOOK.REPLAY_FROM_INVALID'].id },
    });
  });

  it('an admin disables and enables: nothing is queued while disabled by an admin', async () => {
    const off = await gql<{ disableWebhookSubscription: Sub }>(svc.url, DISABLE, { id: sub.id }, adminHeaders);
    expect(off.data!.disableWebhookSubscription).toMatchObject({ status: 'DISABLED', disabledReason: 'BY_ADMIN' });
    await until(
      async () => ((await sql.query(`select 1 from notification.webhook_subscriptions where status = 'DISABLED'`)).rowCount === 1 ? true : undefined),
      'off',
    );
    const quiet = await submitted(5);
    await until(
      async () =>
        (await sql.query('select 1 from notification.webhook_applications where application_id = $1', [quiet])).rowCount ? true : undefined,
      'the quiet one processed',
    );
    const on = await gql<{ enableWebhookSubscription: Sub }>(svc.url, ENABLE, { id: sub.id }, adminHeaders);
    expect(on.data!.enableWebhookSubscription).toMatchObject({ status: 'ACTIVE', disabledReason: null });
    await until(
      async () => ((await sql.query(`select 1 from notification.webhook_subscriptions where status = 'ACTIVE'`)).rowCount === 1 ? true : undefined),
      'on',
    );
    const heard = await submitted(6);
    await receiver.waitFor((q) => q.path === '/hooks/main' && (q.json as Payload).data.applicationId === heard);
    expect(receiver.requests().some((q) => (q.json as Payload | undefined)?.data?.applicationId === quiet)).toBe(false);
  });

  it('disables a receiver that fails for "a day" and tells the agency admins in their inbox; enabling sends what waited, in order', async () => {
    let deadDown = true;
    const dead = await startHttpRecorder(() => (deadDown ? { status: 500 } : { status: 200 }));
    const res = await create(`${dead.url}/hooks/dead`, ['ApplicationSubmitted', 'ApplicationTransitioned']);
    const failing = res.data!.createWebhookSubscription.subscription;
    await until(
      async () =>
        (await sql.query(`select 1 from notification.webhook_senders where subscription_id = $1`, [failing.id])).rowCount ? true : undefined,
      'sender',
    );
    const app = await submitted(7);
    await transitioned(app, 'APPROVED', 2);
    const disabled = await until(
      async () => {
        const list = await gql<{ webhookSubscriptions: Sub[] }>(svc.url, LIST, {}, adminHeaders);
        const s = list.data!.webhookSubscriptions.find((x) => x.id === failing.id);
        return s?.status === 'DISABLED' ? s : undefined;
      },
      'disabled for failing',
      40_000,
    );
    expect(disabled.disabledReason).toBe('FAILING');
    const inbox = await until(async () => {
      const r = await gql<{ myNotifications: { items: Array<{ kind: string; link: string; title: string }> } }>(
        svc.url,
        '{ myNotifications { items { kind title link } } }',
        {},
        adminHeaders,
      );
      const items = r.data!.myNotifications.items.filter((i) => i.kind === 'WEBHOOK_DISABLED');
      return items.length ? items : undefined;
    }, 'admin told');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ title: 'Webhook dinonaktifkan', link: expect.stringContaining(`/agency/webhooks/${failing.id}`) });
    // Still recorded while disabled for failing; sent, in order, once it is enabled and answers again.
    deadDown = false;
    const failedAttempts = dead.requests().length;
    await gql(svc.url, ENABLE, { id: failing.id }, adminHeaders);
    await until(async () => (dead.requests().length >= failedAttempts + 2 ? true : undefined), 'backlog sent');
    const sent = dead.requests().slice(failedAttempts);
    expect(sent.map((r) => (r.json as Payload).type)).toEqual(['application.submitted', 'application.transitioned']);
    await dead.close();
  });
});
