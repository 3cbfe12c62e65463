import { CommandHandler, toNewEvents } from '@serang/eventstore';
import { testPort } from '@serang/testing';
import { ComplaintSlaScheduler } from '../src/complaints/application/complaint-sla.scheduler';
import { randomUUID } from 'node:crypto';
import { RequestWorld } from './fixtures/request-world';

const world = new RequestWorld(testPort(4961));
/** What the complainant writes: it must never be found in plain text anywhere we store. */
const TEXT = 'Jalan desa Kramatwatu berlubang Q9Z dan belum diperbaiki';
const LOCATION = 'RT 03 RW 02 Kramatwatu';

const FIELDS = `id status statusName version categoryCode agencyId anonymous confidential complainantLabel complainantId applicationId assigneeId
  filedAt dueAt slaWarned slaBreached reopened text location answer reopenReason attachmentIds availableActions timeline { status action actorRole agencyId }`;
const FILE = `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { ${FIELDS} } }`;
const ACT = `mutation($id: ID!, $action: String!, $v: Int!, $agencyId: String, $text: String) {
  transitionComplaint(id: $id, action: $action, expectedVersion: $v, agencyId: $agencyId, text: $text) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { complaint(id: $id) { ${FIELDS} } }`;
const QUEUE = `query($f: ComplaintQueueFilter) { complaintQueue(filter: $f) { id status agencyId complainantLabel complainantId text } }`;

interface ComplaintOut {
  id: string;
  status: string;
  version: number;
  agencyId: string | null;
  complainantLabel: string;
  complainantId: string | null;
  text: string | null;
  location: string | null;
  answer: string | null;
  availableActions: string[];
  timeline: Array<{ status: string; action: string; actorRole: string; agencyId: string | null }>;
}

const citizenId = `citizen-${randomUUID()}`;
let citizen: string;
let platform: string;
let dpupr: string;
let dpuprAdmin: string;
let dinsos: string;

async function file(input: Record<string, unknown>, token = citizen, lang?: string) {
  return world.call<{ fileComplaint: ComplaintOut }>(FILE, { input: { idempotencyKey: randomUUID(), ...input } }, token, lang);
}
async function act(token: string, id: string, action: string, v: number, extra: { agencyId?: string; text?: string } = {}, lang?: string) {
  return world.call<{ transitionComplaint: ComplaintOut }>(ACT, { id, action, v, ...extra }, token, lang);
}
async function one(token: string, id: string) {
  return world.call<{ complaint: ComplaintOut }>(ONE, { id }, token);
}

beforeAll(async () => {
  await world.start();
  citizen = await world.issuer.token({ sub: citizenId, roles: ['CITIZEN'] });
  platform = await world.issuer.token({ sub: `platform-${randomUUID()}`, roles: ['PLATFORM_ADMIN'] });
  dpupr = await world.staff('OFFICER', 'dpupr');
  dpuprAdmin = await world.staff('AGENCY_ADMIN', 'dpupr');
  dinsos = await world.staff('OFFICER', 'dinsos');
}, 120_000);
afterAll(() => world.stop());

describe('complaints through request', () => {
  it('lists the seeded categories with their SLAs, in the caller’s language; platform admins change them', async () => {
    const list = await world.call<{ complaintCategories: Array<{ code: string; name: string; slaWorkingDays: number }> }>(
      '{ complaintCategories { code name slaWorkingDays } }',
      {},
      undefined,
      'en',
    );
    expect(list.data!.complaintCategories).toContainEqual({ code: 'INFRASTRUKTUR', name: 'Infrastructure and roads', slaWorkingDays: 14 });
    const configure = `mutation($i: ComplaintCategoryInput!) { configureComplaintCategory(input: $i) { code slaWorkingDays active } }`;
    const input = { code: 'PERIZINAN', nameId: 'Perizinan', nameEn: 'Permits', slaWorkingDays: 7, active: true };
    expect((await world.call(configure, { i: input }, citizen)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await world.call(configure, { i: input }, platform)).data).toEqual({
      configureComplaintCategory: { code: 'PERIZINAN', slaWorkingDays: 7, active: true },
    });
    const bad = await world.call(configure, { i: { ...input, slaWorkingDays: 0 } }, platform);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COMPLAINT.INPUT_INVALID' });
  });

  it('refuses bad input in the caller’s language, and an anonymous complaint about an application', async () => {
    const empty = await file({ categoryCode: 'INFRASTRUKTUR', text: '  ' }, citizen, 'en');
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COMPLAINT.INPUT_INVALID' });
    expect(empty.errors![0].message).toBe('The complaint is not valid; check the marked fields.');
    const unknown = await file({ categoryCode: 'TIDAK_ADA', text: TEXT });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COMPLAINT.CATEGORY_UNKNOWN' });
    expect(unknown.errors![0].message).toBe('Kategori pengaduan tidak dikenal.');

    const submitted = await world.submit(citizen, 'disnakertrans-ak1');
    const applicationId = submitted.data!.submitApplication.id;
    const anonymous = await file({ categoryCode: 'PELAYANAN_PUBLIK', text: TEXT, anonymous: true, applicationId });
    expect(anonymous.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COMPLAINT.ANONYMOUS_WITH_APPLICATION' });
    // Named, about their own application, no agency named: the application's agency is the door.
    const named = await file({ categoryCode: 'PELAYANAN_PUBLIK', text: TEXT, applicationId });
    expect(named.data!.fileComplaint).toMatchObject({ status: 'RECEIVED', agencyId: 'disnakertrans', complainantId: citizenId });
    // Someone else's application is no application of theirs.
    const other = await file({ categoryCode: 'PELAYANAN_PUBLIK', text: TEXT, applicationId }, await world.citizen());
    expect(other.errors![0].extensions).toMatchObject({ reason: 'COMPLAINT.INPUT_INVALID' });
  });

  it('an anonymous complaint goes received → verified → forwarded → wrong door → right agency → answered → reopened → answered → closed', async () => {
    const key = randomUUID();
    const input = { categoryCode: 'INFRASTRUKTUR', text: TEXT, location: LOCATION, agencyId: 'dpupr', anonymous: true, idempotencyKey: key };
    const filed = await file(input);
    const c = filed.data!.fileComplaint;
    expect(c).toMatchObject({ status: 'RECEIVED', version: 1, text: TEXT, location: LOCATION, complainantId: null, availableActions: [] });
    expect(c.complainantLabel).toMatch(/^pelapor-[A-Z2-9]{10}$/);
    // A resend answers the first complaint; the same key with another text is a CONFLICT.
    expect((await file(input)).data!.fileComplaint.id).toBe(c.id);
    expect((await file({ ...input, text: 'lain' })).errors![0].extensions).toMatchObject({ code: 'CONFLICT' });

    // Not yet forwarded: the agency does not see it at all.
    expect((await one(dpupr, c.id)).errors![0].extensions!.code).toBe('NOT_FOUND');
    // The queue is a read model: it catches up.
    await world.until(async () => {
      const triage = await world.call<{ complaintQueue: Array<{ id: string }> }>(QUEUE, {}, platform);
      return !!triage.data?.complaintQueue.some((q) => q.id === c.id);
    }, 'in the triage queue');
    expect((await act(dpupr, c.id, 'VERIFY', 1)).errors![0].extensions!.code).toBe('NOT_FOUND');

    const verified = (await act(platform, c.id, 'VERIFY', 1)).data!.transitionComplaint;
    expect(verified).toMatchObject({ status: 'VERIFIED', agencyId: 'dpupr', availableActions: ['FORWARD'] });
    const forwarded = (await act(platform, c.id, 'FORWARD', 2)).data!.transitionComplaint;
    expect(forwarded.status).toBe('FORWARDED');

    await world.until(async () => {
      const q = await world.call<{ complaintQueue: Array<{ id: string }> }>(QUEUE, {}, dpupr);
      return !!q.data?.complaintQueue.some((x) => x.id === c.id);
    }, 'in the agency queue');
    const seen = (await one(dpupr, c.id)).data!.complaint;
    // The officer reads what was written, under the pseudonym: never who wrote it.
    expect(seen).toMatchObject({ text: TEXT, complainantId: null, complainantLabel: c.complainantLabel, availableActions: ['FORWARD', 'TAKE_UP'] });
    const taken = (await act(dpupr, c.id, 'TAKE_UP', 3)).data!.transitionComplaint;
    expect(taken.availableActions).toEqual(['FORWARD', 'ANSWER']);
    // A stale version is a CONFLICT, nothing retried.
    expect((await act(dpuprAdmin, c.id, 'ANSWER', 3, { text: 'x' })).errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'COMPLAINT.VERSION_CONFLICT',
    });

    // The wrong door: dpupr forwards it on to dinsos; dpupr no longer sees it, dinsos does.
    const moved = (await act(dpupr, c.id, 'FORWARD', 4, { agencyId: 'dinsos', text: 'Bantuan sosial, bukan jalan' })).data!.transitionComplaint;
    expect(moved).toMatchObject({ status: 'FORWARDED', agencyId: 'dinsos' });
    expect((await one(dpupr, c.id)).errors![0].extensions!.code).toBe('NOT_FOUND');
    await act(dinsos, c.id, 'TAKE_UP', 5);
    const answered = (await act(dinsos, c.id, 'ANSWER', 6, { text: 'Sudah kami tindak lanjuti bersama desa.' })).data!.transitionComplaint;
    expect(answered.status).toBe('ANSWERED');

    const mine = (await one(citizen, c.id)).data!.complaint;
    expect(mine).toMatchObject({ answer: 'Sudah kami tindak lanjuti bersama desa.', availableActions: ['REOPEN', 'CLOSE'] });
    const reopened = (await act(citizen, c.id, 'REOPEN', 7, { text: 'Lubangnya masih ada' })).data!.transitionComplaint;
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', reopened: true });
    await act(dinsos, c.id, 'ANSWER', 8, { text: 'Sudah ditambal.' });
    const again = await act(citizen, c.id, 'REOPEN', 9, {}, 'en');
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPLAINT.REOPEN_NOT_ALLOWED' });
    expect(again.errors![0].message).toBe('A complaint can be reopened only once, within 14 days of its answer.');
    expect((await act(dinsos, c.id, 'CLOSE', 9)).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const closed = (await act(citizen, c.id, 'CLOSE', 9)).data!.transitionComplaint;
    expect(closed.timeline.map((t) => t.action)).toEqual([
      'FILE',
      'VERIFY',
      'FORWARD',
      'TAKE_UP',
      'FORWARD',
      'TAKE_UP',
      'ANSWER',
      'REOPEN',
      'ANSWER',
      'CLOSE',
    ]);

    // Another citizen, and another agency, find nothing.
    expect((await one(await world.citizen(), c.id)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await one(await world.staff('OFFICER', 'bapenda'), c.id)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await one(citizen, 'not-an-id')).errors![0].extensions!.code).toBe('NOT_FOUND');

    // Anonymity: nothing stored for officers — events, the read model — names the complainant, nor holds the text in plain.
    await world.until(
      async () => (await world.pool.query(`select status from request.complaints where id = $1`, [c.id])).rows[0]?.status === 'CLOSED',
      'projected',
    );
    const { rows: events } = await world.pool.query<{ stream_id: string; data: unknown; metadata: unknown }>(
      `select stream_id, data, metadata from eventstore.events where stream_id = $1 or stream_id like 'requestaccess-%'`,
      [`complaint-${c.id}`],
    );
    const complaintEvents = events.filter((e) => e.stream_id === `complaint-${c.id}`);
    expect(complaintEvents.length).toBe(10);
    for (const e of events) {
      const text = JSON.stringify(e);
      if (e.stream_id === `complaint-${c.id}` || text.includes(c.complainantLabel)) {
        expect(text).not.toContain(citizenId);
        expect(text).not.toContain('Q9Z');
        expect(text).not.toContain('Kramatwatu');
        expect(text).not.toContain('tindak lanjuti');
      }
    }
    const { rows: row } = await world.pool.query('select * from request.complaints where id = $1', [c.id]);
    expect(JSON.stringify(row)).not.toContain(citizenId);
    // Staff reads were audited, under the pseudonym (an entry under the person would tie them to it).
    const audits = events.filter((e) => e.stream_id.startsWith('requestaccess-') && JSON.stringify(e.data).includes(c.complainantLabel));
    expect(audits.length).toBeGreaterThanOrEqual(3);
    expect(audits[0].data).toMatchObject({ purpose: 'COMPLAINT_READ', subjectId: c.complainantLabel });

    const listed = await world.call<{ myComplaints: Array<{ id: string; status: string }> }>('{ myComplaints { id status } }', {}, citizen);
    expect(listed.data!.myComplaints).toContainEqual({ id: c.id, status: 'CLOSED' });
  }, 60_000);

  it('raises each SLA warning and breach once, however many schedulers run at once (injected clock)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await file({ categoryCode: 'KESEHATAN', text: TEXT, agencyId: 'dinkes' })).data!.fileComplaint.id);
    await world.until(
      async () => Number((await world.pool.query('select count(*)::int as n from request.complaints where id = any($1)', [ids])).rows[0].n) === 3,
      'projected',
    );
    const handler = new CommandHandler(world.store, '3604');
    let at = new Date();
    const clock = { now: () => at };
    const schedulers = [0, 1].map(() => new ComplaintSlaScheduler(world.pool, handler, clock));
    expect((await schedulers[0].round()).warned).toBe(0);
    // Five working days (KESEHATAN) are over within two weeks, whatever the holidays.
    at = new Date(Date.now() + 30 * 24 * 3600_000);
    const rounds = await Promise.all(schedulers.map((s) => s.round()));
    const count = async (type: string) =>
      Number(
        (
          await world.pool.query('select count(*)::int as n from eventstore.events where type = $1 and stream_id = any($2)', [
            type,
            ids.map((id) => `complaint-${id}`),
          ])
        ).rows[0].n,
      );
    expect(await count('ComplaintSlaWarningRaised')).toBe(3);
    expect(await count('ComplaintSlaBreached')).toBe(3);
    // Other tests' open complaints breach too: the rounds count at least these three.
    expect(rounds.reduce((n, r) => n + r.breached, 0)).toBeGreaterThanOrEqual(3);
    await world.until(
      async () =>
        Number(
          (await world.pool.query('select count(*)::int as n from request.complaints where id = any($1) and breached_at is not null', [ids])).rows[0]
            .n,
        ) === 3,
      'breaches projected',
    );
    expect(await schedulers[1].round()).toEqual({ warned: 0, breached: 0, contended: 0, failed: 0 });
    // The version officers see is unchanged: SLA events are not steps.
    const seen = (await one(platform, ids[0])).data!.complaint;
    expect(seen).toMatchObject({ version: 1 });
  });

  it('erasing the complainant destroys their complaints’ keys: the record stays, nobody reads the words again', async () => {
    const personId = `citizen-${randomUUID()}`;
    const token = await world.issuer.token({ sub: personId, roles: ['CITIZEN'] });
    const id = (await file({ categoryCode: 'LAINNYA', text: TEXT, agencyId: 'dpupr' }, token)).data!.fileComplaint.id;
    expect((await one(platform, id)).data!.complaint.text).toBe(TEXT);
    await world.store.append(
      `person-${personId}`,
      toNewEvents([{ type: 'PersonErased', data: { personId, erasedAt: new Date().toISOString(), reason: 'CITIZEN_REQUEST' } }], {
        now: new Date(),
        tenant: '3604',
      }),
      'any',
    );
    await world.until(
      async () =>
        (await world.pool.query('select 1 from request.person_keys where person_id = $1 and destroyed_at is not null', [`complaint:${id}`]))
          .rowCount === 1,
      'complaint key destroyed',
    );
    // Request's own erasure handler ran too (the two are chained): the person's key is gone as well.
    await world.until(
      async () =>
        (await world.pool.query('select 1 from request.person_keys where person_id = $1 and destroyed_at is not null', [personId])).rowCount === 1,
      'person key destroyed',
    );
    expect((await one(platform, id)).data!.complaint).toMatchObject({ status: 'RECEIVED', text: null, location: null });
  });
});
