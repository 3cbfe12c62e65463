import { PostgresEventStore } from '@serang/eventstore';
import {
  createTestDatabase,
  gql,
  startServiceProcess,
  startTestIssuer,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
  testPort,
} from '@serang/testing';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

const PORT = testPort(4951);
const ENTRY = 'services/notification/src/main.ts';
const LINKS = 'https://layanan.serangkab.go.id';
const PAGE =
  'query ($first: Int, $after: String) { myNotifications(first: $first, after: $after) { unreadCount nextCursor items { id kind title message link applicationId trackingNumber templateVersion createdAt readAt } } }';
const MARK_READ = 'mutation ($id: ID!) { markNotificationRead(id: $id) { id readAt title } }';
const MARK_ALL = 'mutation { markAllNotificationsRead }';

interface Item {
  id: string;
  kind: string;
  title: string;
  message: string;
  link: string;
  applicationId: string;
  trackingNumber: string;
  templateVersion: number;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  unreadCount: number;
  nextCursor: string | null;
  items: Item[];
}

describe('notification service (its own process, real PostgreSQL, events from the store)', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let svc: RunningProcess;
  let lastPosition = 0n;
  const env = () => ({ DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, LOG_LEVEL: 'warn', NOTIFICATION_LINK_BASE: LINKS });
  const ani = `person-${uuidv7()}`;
  const budi = `person-${uuidv7()}`;
  const officer = uuidv7();
  const officer2 = uuidv7();
  const agencyAdmin = uuidv7();
  const otherAgencyOfficer = uuidv7();

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

  /** Appends an event the way its owner does (the contracts in proto/); tests write the store directly, as a fixture. */
  async function append(
    streamId: string,
    type: string,
    data: Record<string, unknown>,
    occurredAt: string,
    actor: { id: string; role: string; agency?: string },
  ): Promise<void> {
    const metadata = { tenant: '3604', occurredAt, schemaVersion: 1, actor };
    const { position } = await store.append(streamId, [{ id: uuidv7(), type, data, metadata }], 'any');
    lastPosition = position;
  }

  async function staffAccount(personId: string, roles: string[], agencyId: string): Promise<void> {
    await append(
      `person-${personId}`,
      'StaffAccountCreated',
      { personId, roles, agencyId, emailCiphertext: 'v1.k1.c2VjcmV0' },
      '2026-11-01T00:00:00.000Z',
      { id: 'system', role: 'SYSTEM' },
    );
  }

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
      status: 'SUBMITTED',
    };
    await append(`application-${applicationId}`, 'ApplicationSubmitted', data, occurredAt, { id: applicantId, role: 'CITIZEN' });
    return applicationId;
  }

  const asOfficer = (id: string) => ({ id, role: 'OFFICER', agency: 'disnakertrans' });
  async function claim(applicationId: string, officerId: string, at: string): Promise<void> {
    await append(
      `application-${applicationId}`,
      'ApplicationClaimed',
      { applicationId, officerId, officerRole: 'OFFICER', version: 2, at },
      at,
      asOfficer(officerId),
    );
  }
  async function transition(applicationId: string, action: string, to: string, at: string, extra: Record<string, unknown> = {}): Promise<void> {
    const data = {
      applicationId,
      action,
      fromStatus: 'X',
      toStatus: to,
      actorRole: 'OFFICER',
      actorId: officer,
      noteCiphertext: '',
      version: 3,
      at,
      dueAt: '2026-12-10T16:59:59.999Z',
      warnAt: '',
      outcome: '',
      ...extra,
    };
    await append(`application-${applicationId}`, 'ApplicationTransitioned', data, at, asOfficer(officer));
  }

  async function page(who: string, vars: { first?: number; after?: string | null } = {}, lang = 'id', roles = ['CITIZEN']): Promise<Page> {
    const token = await issuer.token({ sub: who, roles });
    const res = await gql<{ myNotifications: Page }>(svc.url, PAGE, vars, { authorization: `Bearer ${token}`, 'accept-language': lang });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.myNotifications;
  }
  const inbox = async (who: string, lang = 'id') => (await page(who, { first: 100 }, lang)).items;
  const headersOf = async (who: string) => ({ authorization: `Bearer ${await issuer.token({ sub: who, roles: ['CITIZEN'] })}` });

  /** Waits until the consumer's checkpoint has passed everything appended so far. */
  async function caughtUp(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const { rows } = await sql
        .query<{ position: string }>(`select position from notification.consumer_checkpoints where consumer_id = 'notification.inbound'`)
        .catch(() => ({ rows: [] as Array<{ position: string }> }));
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
      trackingNumber: 'SRG-2026-000001',
      link: `${LINKS}/applications/${first}`,
      templateVersion: 1,
      createdAt: '2026-11-27T02:00:00.000Z',
      readAt: null,
    });
    const en = await inbox(ani, 'en-US,en;q=0.9');
    expect(en[0]).toMatchObject({
      id: id[0].id,
      title: 'Application received',
      message: 'Application SRG-2026-000001 has been received. Target completion: 3 December 2026.',
    });
  });

  it('keeps nothing personal in the inbox: only ids, the tracking number and instants', async () => {
    const { rows } = await sql.query<{ params: Record<string, unknown> }>('select params from notification.inbox');
    expect(Object.keys(rows[0].params).sort()).toEqual(['applicationId', 'dueAt', 'serviceId', 'trackingNumber']);
  });

  it('shows each person only their own notifications, newest first, and nothing without a token', async () => {
    await submit(budi, 'SRG-2026-000002', '2026-12-10T09:00:00.000Z', '2026-11-28T03:00:00.000Z');
    await submit(ani, 'SRG-2026-000003', '2026-12-11T09:00:00.000Z', '2026-11-29T04:00:00.000Z');
    await caughtUp();
    expect((await inbox(ani)).map((n) => n.trackingNumber)).toEqual(['SRG-2026-000003', 'SRG-2026-000001']);
    expect((await inbox(budi)).map((n) => n.trackingNumber)).toEqual(['SRG-2026-000002']);
    expect(await inbox(`person-${uuidv7()}`)).toEqual([]);
    const anonymous = await gql(svc.url, PAGE);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("tells the applicant every step of the application's way, each in its own words and with a link to it", async () => {
    await staffAccount(officer, ['OFFICER'], 'disnakertrans');
    await staffAccount(officer2, ['OFFICER'], 'disnakertrans');
    await staffAccount(agencyAdmin, ['AGENCY_ADMIN'], 'disnakertrans');
    await staffAccount(otherAgencyOfficer, ['OFFICER'], 'bapenda');
    await claim(first, officer, '2026-11-27T03:00:00.000Z');
    await transition(first, 'START_VERIFICATION', 'VERIFICATION', '2026-11-27T04:00:00.000Z');
    await transition(first, 'REQUEST_REVISION', 'REVISION', '2026-11-27T05:00:00.000Z', {
      dueAt: '',
      noteCiphertext: 'v1.k1.bm90ZQ==',
      pausedRemainingWorkingDays: 3,
    });
    await append(
      `application-${first}`,
      'ApplicationResubmitted',
      {
        applicationId: first,
        action: 'RESUBMIT',
        fromStatus: 'REVISION',
        toStatus: 'VERIFICATION',
        formCiphertext: 'v1.k1.eA==',
        version: 6,
        at: '2026-11-30T02:00:00.000Z',
        dueAt: '2026-12-03T16:59:59.999Z',
        warnAt: '',
      },
      '2026-11-30T02:00:00.000Z',
      { id: ani, role: 'CITIZEN' },
    );
    await transition(first, 'APPROVE', 'APPROVED', '2026-12-01T02:00:00.000Z');
    await transition(first, 'COMPLETE', 'COMPLETED', '2026-12-01T03:00:00.000Z', {
      dueAt: '',
      outcome: 'COMPLETED',
      outputReferenceCiphertext: 'v1.k1.cmVm',
    });
    await caughtUp();

    // The survey invitation comes with the completion (same event, same instant: its order beside it is the ids'), checked on its own.
    const invited = (await inbox(ani)).filter((n) => n.applicationId === first && n.kind === 'FEEDBACK_INVITED');
    expect(invited.map((n) => [n.title, n.message])).toEqual([
      [
        'Beri penilaian layanan',
        `Bagaimana layanan untuk permohonan SRG-2026-000001? Isi survei kepuasan masyarakat (cukup sekali) di ${LINKS}/applications/${first}`,
      ],
    ]);
    const mine = (await inbox(ani)).filter((n) => n.applicationId === first && n.kind !== 'FEEDBACK_INVITED').reverse();
    expect(mine.map((n) => [n.kind, n.title, n.message])).toEqual([
      ['APPLICATION_SUBMITTED', 'Permohonan diterima', 'Permohonan SRG-2026-000001 telah diterima. Target selesai: 3 Desember 2026.'],
      [
        'APPLICATION_CLAIMED',
        'Permohonan sedang ditangani',
        `Permohonan SRG-2026-000001 sedang ditangani petugas. Pantau di ${LINKS}/applications/${first}`,
      ],
      [
        'APPLICATION_PROGRESSED',
        'Permohonan berlanjut',
        `Permohonan SRG-2026-000001 telah masuk tahap berikutnya. Lihat statusnya di ${LINKS}/applications/${first}`,
      ],
      [
        'REVISION_REQUESTED',
        'Perbaikan diperlukan',
        `Petugas meminta perbaikan permohonan SRG-2026-000001. Baca catatan petugas dan kirim perbaikan di ${LINKS}/applications/${first} — waktu layanan berhenti sampai Anda mengirimnya.`,
      ],
      ['APPLICATION_RESUBMITTED', 'Perbaikan diterima', 'Perbaikan permohonan SRG-2026-000001 telah diterima. Target selesai: 3 Desember 2026.'],
      [
        'APPLICATION_APPROVED',
        'Permohonan disetujui',
        `Permohonan SRG-2026-000001 telah disetujui dan sedang diselesaikan. Lihat di ${LINKS}/applications/${first}`,
      ],
      [
        'APPLICATION_COMPLETED',
        'Permohonan selesai',
        `Permohonan SRG-2026-000001 telah selesai. Nomor hasil layanan ada di ${LINKS}/applications/${first}`,
      ],
    ]);
    const en = (await inbox(ani, 'en')).filter((n) => n.applicationId === first && n.kind !== 'FEEDBACK_INVITED');
    expect(en.map((n) => n.title)).toEqual([
      'Application completed',
      'Application approved',
      'Correction received',
      'Correction needed',
      'Application moved on',
      'Application in progress',
      'Application received',
    ]);
    // The officer who holds it hears of the correction; the applicant hears nothing meant for staff.
    const officers = (await page(officer, { first: 100 }, 'en', ['OFFICER'])).items;
    expect(officers.map((n) => [n.kind, n.message])).toEqual([
      [
        'RESUBMISSION_TO_REVIEW',
        `The applicant sent a correction of application SRG-2026-000001. Due: 3 December 2026. Open ${LINKS}/agency/applications/${first}`,
      ],
    ]);
    // Nothing of the ciphertexts (note, output reference) reaches notification's tables.
    const { rows } = await sql.query<{ params: string }>('select params::text from notification.inbox');
    expect(rows.map((r) => r.params).join()).not.toMatch(/v1\.k1\./);
  });

  it('tells of a rejection and a cancellation, and escalates SLA warnings and breaches to the agency staff only', async () => {
    const rejected = (await inbox(budi))[0].applicationId;
    await transition(rejected, 'REJECT', 'REJECTED', '2026-12-01T04:00:00.000Z', {
      dueAt: '',
      outcome: 'REJECTED',
      noteCiphertext: 'v1.k1.YWxhc2Fu',
    });
    const third = (await inbox(ani)).find((n) => n.trackingNumber === 'SRG-2026-000003')!.applicationId;
    const sla = { applicationId: third, agencyId: 'disnakertrans', dueAt: '2026-12-11T09:00:00.000Z', version: 2 };
    await append(`application-${third}`, 'ApplicationSlaWarningRaised', { ...sla, at: '2026-12-09T09:00:00.000Z' }, '2026-12-09T09:00:00.000Z', {
      id: 'sla',
      role: 'SYSTEM',
    });
    await append(`application-${third}`, 'ApplicationSlaBreached', { ...sla, at: '2026-12-11T09:00:01.000Z' }, '2026-12-11T09:00:01.000Z', {
      id: 'sla',
      role: 'SYSTEM',
    });
    await append(
      `application-${third}`,
      'ApplicationCancelled',
      { applicationId: third, fromStatus: 'SUBMITTED', version: 4, at: '2026-12-12T01:00:00.000Z' },
      '2026-12-12T01:00:00.000Z',
      { id: ani, role: 'CITIZEN' },
    );
    await caughtUp();

    expect((await inbox(budi, 'en')).find((n) => n.kind !== 'FEEDBACK_INVITED')).toMatchObject({
      kind: 'APPLICATION_REJECTED',
      message: `Application SRG-2026-000002 was rejected. Read the reason at ${LINKS}/applications/${rejected}`,
    });
    expect((await inbox(ani))[0]).toMatchObject({ kind: 'APPLICATION_CANCELLED', message: 'Permohonan SRG-2026-000003 telah Anda batalkan.' });
    expect((await inbox(ani)).map((n) => n.kind)).not.toContain('SLA_WARNING');
    // Unclaimed: every officer of the agency is warned; the breach goes to its admins. Another agency hears nothing.
    const kinds = async (who: string) =>
      (await page(who, { first: 100 }, 'id', ['OFFICER'])).items.filter((n) => n.applicationId === third).map((n) => n.kind);
    expect(await kinds(officer)).toEqual(['SLA_WARNING']);
    expect(await kinds(officer2)).toEqual(['SLA_WARNING']);
    expect(await kinds(agencyAdmin)).toEqual(['SLA_BREACHED']);
    expect(await kinds(otherAgencyOfficer)).toEqual([]);
    expect((await page(agencyAdmin, {}, 'id', ['AGENCY_ADMIN'])).items[0]).toMatchObject({
      title: 'Batas waktu layanan terlampaui',
      message: `Permohonan SRG-2026-000003 melewati batas waktu layanan 11 Desember 2026 tanpa keputusan dan dieskalasi. Buka ${LINKS}/agency/applications/${third}`,
      link: `${LINKS}/agency/applications/${third}`,
    });
  });

  it('pages the inbox with a cursor, newest first, with the unread count of the whole inbox', async () => {
    const all = await inbox(ani);
    expect(all.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p: Page = await page(ani, { first: 3, after });
      expect(p.unreadCount).toBe(all.length);
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items.map((n) => n.id));
      if (!p.nextCursor) break;
      after = p.nextCursor;
    }
    expect(seen).toEqual(all.map((n) => n.id));
    const bad = await gql(svc.url, PAGE, { after: 'bm90IGEgY3Vyc29y' }, { ...(await headersOf(ani)), 'accept-language': 'en' });
    expect(bad.errors?.[0]).toMatchObject({
      message: 'The page cursor is not recognised; start again from the first page.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'NOTIFICATION.CURSOR_INVALID' },
    });
    const tooMany = await gql(svc.url, PAGE, { first: 101 }, await headersOf(ani));
    expect(tooMany.errors?.[0]).toMatchObject({
      message: 'Jumlah harus antara 1 dan 100.',
      extensions: { code: 'BAD_USER_INPUT', fields: { first: 'Jumlah harus antara 1 dan 100.' } },
    });
  });

  it("marks one's own notification read, once: marking it again keeps the first time", async () => {
    const [latest] = await inbox(ani);
    const before = (await page(ani)).unreadCount;
    const headers = await headersOf(ani);
    const once = await gql<{ markNotificationRead: { id: string; readAt: string } }>(svc.url, MARK_READ, { id: latest.id }, headers);
    expect(once.errors).toBeUndefined();
    expect(once.data!.markNotificationRead.readAt).toEqual(expect.any(String));
    const twice = await gql<{ markNotificationRead: { id: string; readAt: string } }>(svc.url, MARK_READ, { id: latest.id }, headers);
    expect(twice.data!.markNotificationRead.readAt).toBe(once.data!.markNotificationRead.readAt);
    const after = await inbox(ani);
    expect(after[0].readAt).not.toBeNull();
    expect(after.slice(1).every((n) => n.readAt === null)).toBe(true);
    expect((await page(ani)).unreadCount).toBe(before - 1);
  });

  it("answers NOT_FOUND for someone else's notification, an unknown id or a malformed one, and changes nothing", async () => {
    const [anis] = await inbox(ani);
    const budiHeaders = { ...(await headersOf(budi)), 'accept-language': 'en' };
    const other = await gql(svc.url, MARK_READ, { id: anis.id }, budiHeaders);
    expect(other.errors?.[0]).toMatchObject({
      message: `Notification ${anis.id} was not found.`,
      extensions: { code: 'NOT_FOUND', reason: 'NOTIFICATION.NOT_FOUND' },
    });
    const unknown = await gql(svc.url, MARK_READ, { id: uuidv7() }, { authorization: budiHeaders.authorization });
    expect(unknown.errors?.[0].message).toMatch(/^Notifikasi .+ tidak ditemukan\.$/);
    const malformed = await gql(svc.url, MARK_READ, { id: 'not-a-uuid' }, budiHeaders);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await inbox(budi)).every((n) => n.readAt === null)).toBe(true);
  });

  it("marks all of one's own notifications read at once, and nobody else's", async () => {
    const budiUnread = (await page(budi)).unreadCount;
    const unread = (await page(ani)).unreadCount;
    const all = await gql<{ markAllNotificationsRead: number }>(svc.url, MARK_ALL, {}, await headersOf(ani));
    expect(all.data!.markAllNotificationsRead).toBe(unread);
    expect((await page(ani)).unreadCount).toBe(0);
    expect((await inbox(ani)).every((n) => n.readAt !== null)).toBe(true);
    const again = await gql<{ markAllNotificationsRead: number }>(svc.url, MARK_ALL, {}, await headersOf(ani));
    expect(again.data!.markAllNotificationsRead).toBe(0);
    expect((await page(budi)).unreadCount).toBe(budiUnread);
  });

  it('resumes from its checkpoint after a restart: events while it was down arrive, none twice', async () => {
    const before = await inbox(ani);
    await svc.stop();
    await submit(ani, 'SRG-2026-000004', '2026-12-14T09:00:00.000Z', '2026-12-13T05:00:00.000Z');
    svc = await startServiceProcess(ENTRY, env(), PORT);
    await caughtUp();
    const after = await inbox(ani);
    expect(after.map((n) => n.id)).toEqual([expect.any(String), ...before.map((n) => n.id)]);
    expect(after[0].message).toContain('SRG-2026-000004');
  });

  it('duplicates nothing and loses no read mark even when every event is delivered again from the start', async () => {
    const before = await inbox(ani);
    const { rows: countBefore } = await sql.query<{ n: number }>('select count(*)::int as n from notification.inbox');
    await svc.stop();
    // As if the consumer had been reset: no checkpoint, no record of processed events.
    await sql.query(`delete from notification.consumer_checkpoints; delete from notification.processed_events`);
    svc = await startServiceProcess(ENTRY, env(), PORT);
    await caughtUp();
    expect(await inbox(ani)).toEqual(before);
    const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from notification.inbox');
    expect(rows[0].n).toBe(countBefore[0].n);
    const parked = await sql.query<{ n: number }>('select count(*)::int as n from notification.parked_streams');
    expect(parked.rows[0].n).toBe(0);
  });

  it('keeps nothing for an erased person and sends them nothing afterwards', async () => {
    await append(
      `person-${budi}`,
      'PersonErased',
      { personId: budi, erasedAt: '2026-12-14T00:00:00.000Z', reason: 'REQUEST' },
      '2026-12-14T00:00:00.000Z',
      { id: budi, role: 'CITIZEN' },
    );
    await submit(budi, 'SRG-2026-000005', '2026-12-20T09:00:00.000Z', '2026-12-14T01:00:00.000Z');
    await caughtUp();
    expect(await inbox(budi)).toEqual([]);
    const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from notification.inbox where recipient_id = $1', [budi]);
    expect(rows[0].n).toBe(0);
  });
});
