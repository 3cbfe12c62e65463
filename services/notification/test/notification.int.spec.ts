import { PostgresEventStore } from '@serang/eventstore';
import { createTestDatabase, gql, startServiceProcess, startTestIssuer, type RunningProcess, type TestDatabase, type TestIssuer, testPort } from '@serang/testing';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

const PORT = testPort(4951);
const ENTRY = 'services/notification/src/main.ts';
const INBOX = '{ myNotifications { id kind title message applicationId createdAt readAt } }';
const MARK_READ = 'mutation ($id: ID!) { markNotificationRead(id: $id) { id readAt title } }';

interface Item {
  id: string;
  kind: string;
  title: string;
  message: string;
  applicationId: string;
  createdAt: string;
  readAt: string | null;
}

describe('notification service (its own process, real PostgreSQL, events from the store)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let lastPosition = 0n;
  const env = () => ({ DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, LOG_LEVEL: 'warn' });
  const ani = `person-${uuidv7()}`;
  const budi = `person-${uuidv7()}`;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('notification');
    store = await PostgresEventStore.connect({ connectionString: db.url, poolSize: 2 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    svc = await startServiceProcess(ENTRY, env(), PORT);
  });
  afterAll(async () => {
    await svc?.stop();
    await sql?.end();
    await store?.close();
    await db?.drop();
    await issuer?.close();
  });

  /** Appends an ApplicationSubmitted the way the request service does (its contract in proto/). */
  async function submit(applicantId: string, trackingNumber: string, dueAt: string, occurredAt: string): Promise<string> {
    const applicationId = uuidv7();
    const data = {
      applicationId,
      trackingNumber,
      serviceId: 'disnakertrans-ak1',
      serviceVersion: 1,
      agencyId: 'disnakertrans',
      applicantId,
      formCiphertext: 'v1.k1.c2VjcmV0',
      documentIds: ['doc-1'],
      submittedAt: occurredAt,
      dueAt,
    };
    const metadata = { tenant: '3604', occurredAt, schemaVersion: 1, actor: { id: applicantId, role: 'CITIZEN' } };
    const { position } = await store.append(`application-${applicationId}`, [{ id: uuidv7(), type: 'ApplicationSubmitted', data, metadata }], 'no_stream');
    lastPosition = position;
    return applicationId;
  }

  async function inbox(who: string, lang = 'id'): Promise<Item[]> {
    const token = await issuer.token({ sub: who, roles: ['CITIZEN'] });
    const res = await gql<{ myNotifications: Item[] }>(svc.url, INBOX, {}, { authorization: `Bearer ${token}`, 'accept-language': lang });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.myNotifications;
  }

  /** Waits until the consumer's checkpoint has passed everything appended so far. */
  async function caughtUp(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const { rows } = await sql.query<{ position: string }>(`select position from notification.consumer_checkpoints where consumer_id = 'notification.inbound'`).catch(() => ({ rows: [] as Array<{ position: string }> }));
      if (rows[0] && BigInt(rows[0].position) >= lastPosition) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`notification did not catch up with position ${lastPosition}`);
  }

  let first = '';
  it("puts a notification into the applicant's inbox, worded in Indonesian by default and in English on request", async () => {
    // Due at 00:30 WIB on 3 December, which is still 2 December in UTC: the date shown is Jakarta's.
    first = await submit(ani, 'SRG-2026-000001', '2026-12-02T17:30:00.000Z', '2026-11-27T02:00:00.000Z');
    await caughtUp();
    const id = await inbox(ani);
    expect(id).toHaveLength(1);
    expect(id[0]).toMatchObject({
      kind: 'APPLICATION_SUBMITTED',
      title: 'Permohonan diterima',
      message: 'Permohonan SRG-2026-000001 telah diterima. Target selesai: 3 Desember 2026.',
      applicationId: first,
      createdAt: '2026-11-27T02:00:00.000Z',
      readAt: null,
    });
    const en = await inbox(ani, 'en-US,en;q=0.9');
    expect(en[0]).toMatchObject({ id: id[0].id, title: 'Application received', message: 'Application SRG-2026-000001 has been received. Target completion: 3 December 2026.' });
  });

  it('keeps nothing personal in the inbox: only ids, the tracking number and instants', async () => {
    const { rows } = await sql.query<{ params: Record<string, unknown> }>('select params from notification.inbox');
    expect(Object.keys(rows[0].params).sort()).toEqual(['applicationId', 'dueAt', 'serviceId', 'trackingNumber']);
  });

  it('shows each person only their own notifications, newest first, and nothing without a token', async () => {
    await submit(budi, 'SRG-2026-000002', '2026-12-10T09:00:00.000Z', '2026-11-28T03:00:00.000Z');
    await submit(ani, 'SRG-2026-000003', '2026-12-11T09:00:00.000Z', '2026-11-29T04:00:00.000Z');
    await caughtUp();
    expect((await inbox(ani)).map((n) => n.message.split(' ')[1])).toEqual(['SRG-2026-000003', 'SRG-2026-000001']);
    expect((await inbox(budi)).map((n) => n.message.split(' ')[1])).toEqual(['SRG-2026-000002']);
    expect(await inbox(`person-${uuidv7()}`)).toEqual([]);
    const anonymous = await gql(svc.url, INBOX);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("marks one's own notification read, once: marking it again keeps the first time", async () => {
    const [latest] = await inbox(ani);
    const headers = { authorization: `Bearer ${await issuer.token({ sub: ani, roles: ['CITIZEN'] })}` };
    const once = await gql<{ markNotificationRead: { id: string; readAt: string } }>(svc.url, MARK_READ, { id: latest.id }, headers);
    expect(once.errors).toBeUndefined();
    expect(once.data!.markNotificationRead.readAt).toEqual(expect.any(String));
    const twice = await gql<{ markNotificationRead: { id: string; readAt: string } }>(svc.url, MARK_READ, { id: latest.id }, headers);
    expect(twice.data!.markNotificationRead.readAt).toBe(once.data!.markNotificationRead.readAt);
    const after = await inbox(ani);
    expect(after.map((n) => n.readAt === null)).toEqual([false, true]);
  });

  it("answers NOT_FOUND for someone else's notification, an unknown id or a malformed one, and changes nothing", async () => {
    const [anis] = await inbox(ani);
    const budiHeaders = { authorization: `Bearer ${await issuer.token({ sub: budi, roles: ['CITIZEN'] })}`, 'accept-language': 'en' };
    const other = await gql(svc.url, MARK_READ, { id: anis.id }, budiHeaders);
    expect(other.errors?.[0]).toMatchObject({ message: `Notification ${anis.id} was not found.`, extensions: { code: 'NOT_FOUND', reason: 'NOTIFICATION.NOT_FOUND' } });
    const unknown = await gql(svc.url, MARK_READ, { id: uuidv7() }, { authorization: budiHeaders.authorization });
    expect(unknown.errors?.[0].message).toMatch(/^Notifikasi .+ tidak ditemukan\.$/);
    const malformed = await gql(svc.url, MARK_READ, { id: 'not-a-uuid' }, budiHeaders);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await inbox(budi))[0].readAt).toBeNull();
  });

  it('resumes from its checkpoint after a restart: events while it was down arrive, none twice', async () => {
    const before = await inbox(ani);
    await svc.stop();
    await submit(ani, 'SRG-2026-000004', '2026-12-14T09:00:00.000Z', '2026-11-30T05:00:00.000Z');
    svc = await startServiceProcess(ENTRY, env(), PORT);
    await caughtUp();
    const after = await inbox(ani);
    expect(after.map((n) => n.id)).toEqual([expect.any(String), ...before.map((n) => n.id)]);
    expect(after[0].message).toContain('SRG-2026-000004');
  });

  it('duplicates nothing and loses no read mark even when every event is delivered again from the start', async () => {
    const before = await inbox(ani);
    await svc.stop();
    // As if the consumer had been reset: no checkpoint, no record of processed events.
    await sql.query(`delete from notification.consumer_checkpoints; delete from notification.processed_events`);
    svc = await startServiceProcess(ENTRY, env(), PORT);
    await caughtUp();
    expect(await inbox(ani)).toEqual(before);
    const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from notification.inbox');
    expect(rows[0].n).toBe(4);
    const parked = await sql.query<{ n: number }>('select count(*)::int as n from notification.parked_streams');
    expect(parked.rows[0].n).toBe(0);
  });
});
