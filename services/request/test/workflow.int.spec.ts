import { toNewEvents } from '@serang/eventstore';
import { APPLICATION_FIELDS, RequestWorld, type ApplicationOut } from './fixtures/request-world';
import { testPort } from '@serang/testing';

const AK1 = 'disnakertrans-ak1';
const QUEUE = `query($f: AgencyQueueFilter) { agencyQueue(filter: $f) { id status dueAt assigneeId escalated } }`;
const ONE = `query($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} formData outputReference applicant { id } } }`;

/** Officers work applications through the seeded AK/1 workflow, against a real request process. */
describe('working applications (request process, real PostgreSQL)', () => {
  const world = new RequestWorld(testPort(4938));
  let citizen: string;
  let officer: string;
  let officerId: string;
  let admin: string;
  let system: string;
  let foreignOfficer: string;

  beforeAll(async () => {
    await world.start();
    citizen = await world.citizen();
    officerId = `officer-${Date.now()}`;
    officer = await world.staff('OFFICER', 'disnakertrans', officerId);
    admin = await world.staff('AGENCY_ADMIN', 'disnakertrans');
    system = await world.staff('AGENCY_SYSTEM', 'disnakertrans');
    foreignOfficer = await world.staff('OFFICER', 'bapenda');
  });
  afterAll(() => world.stop());

  it('runs a revision loop: claim, revision with a reason (the clock pauses), correction, approval, completion by the agency system', async () => {
    const submitted = await world.submit(citizen, AK1);
    expect(submitted.errors).toBeUndefined();
    let app = submitted.data!.submitApplication;
    expect(app).toMatchObject({ status: 'SUBMITTED', statusName: 'Diajukan', version: 1, slaPaused: false, closed: false, assigneeId: null });
    expect(app.availableActions.map((a) => a.code)).toEqual(['CANCEL']); // for the citizen

    const asOfficer = await world.call<{ application: ApplicationOut }>(ONE, { id: app.id }, officer);
    expect(asOfficer.data!.application.availableActions.map((a) => a.code)).toEqual(['CLAIM']); // an officer claims before acting
    expect((await world.act(officer, app.id, 'START_VERIFICATION', 1)).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'APPLICATION.NOT_CLAIMED',
    });

    app = (await world.act(officer, app.id, 'CLAIM', 1)).data!.transitionApplication;
    expect(app).toMatchObject({ version: 2, assigneeId: officerId });
    app = (await world.act(officer, app.id, 'START_VERIFICATION', 2)).data!.transitionApplication;
    expect(app.availableActions.map((a) => a.code).sort()).toEqual(['APPROVE', 'REJECT', 'REQUEST_REVISION']);

    const noReason = await world.act(officer, app.id, 'REQUEST_REVISION', 3, {}, 'en');
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { note: 'This field is required.' } });
    const reason = 'Foto ijazah buram, mohon unggah ulang yang jelas';
    app = (await world.act(officer, app.id, 'REQUEST_REVISION', 3, { note: reason })).data!.transitionApplication;
    expect(app).toMatchObject({ status: 'REVISION_REQUESTED', dueAt: null, slaPaused: true });

    const mine = await world.call<{ application: ApplicationOut }>(ONE, { id: app.id }, citizen);
    expect(mine.data!.application.timeline.at(-1)).toMatchObject({ action: 'REQUEST_REVISION', actorRole: 'OFFICER', note: reason });
    expect(mine.data!.application.availableActions.map((a) => a.code)).toEqual(['RESUBMIT', 'CANCEL']);
    // The reason is about the applicant: stored as a ciphertext only.
    const stored = await world.pool.query(`select string_agg(data::text, '') as t from eventstore.events where stream_id = $1`, [
      `application-${app.id}`,
    ]);
    expect(stored.rows[0].t).not.toContain('ijazah buram');

    const resubmit = (formData: string) =>
      world.call<{ resubmitApplication: ApplicationOut }>(
        `mutation($id: ID!, $input: ResubmitApplicationInput!) { resubmitApplication(id: $id, input: $input) { ${APPLICATION_FIELDS} formData } }`,
        { id: app.id, input: { formData, documents: mine.data!.application.documents, idempotencyKey: 'revisi-1' } },
        citizen,
      );
    const correctedForm = JSON.stringify({ ...JSON.parse(mine.data!.application.formData!), skills: 'Pengelasan SMAW, FCAW dan TIG' });
    const corrected = await resubmit(correctedForm);
    expect(corrected.errors).toBeUndefined();
    app = corrected.data!.resubmitApplication;
    expect(app).toMatchObject({ status: 'VERIFYING', slaPaused: false, version: 5 });
    expect(app.dueAt).not.toBeNull();
    expect(JSON.parse((corrected.data!.resubmitApplication as ApplicationOut & { formData: string }).formData).skills).toBe(
      'Pengelasan SMAW, FCAW dan TIG',
    );

    // A resend (the answer was lost) returns the application; it does not resubmit twice.
    const resent = await resubmit(correctedForm);
    expect(resent.data!.resubmitApplication).toMatchObject({ id: app.id, version: 5, status: 'VERIFYING' });
    expect((await resubmit(JSON.stringify({ ...JSON.parse(correctedForm), skills: 'lain' }))).errors?.[0].extensions?.code).toBe('CONFLICT');
    app = (await world.act(officer, app.id, 'APPROVE', 5)).data!.transitionApplication;
    expect((await world.act(system, app.id, 'COMPLETE', 6, {}, 'en')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { outputReference: 'This field is required.' },
    });
    const done = await world.act(system, app.id, 'COMPLETE', 6, { outputReference: 'AK1/3604/2026/000123' });
    expect(done.errors).toBeUndefined();
    app = done.data!.transitionApplication;
    expect(app).toMatchObject({ status: 'COMPLETED', closed: true, availableActions: [] });

    const final = await world.call<{ application: ApplicationOut & { outputReference: string } }>(ONE, { id: app.id }, citizen, 'en');
    expect(final.data!.application).toMatchObject({ statusName: 'AK/1 card issued', outputReference: 'AK1/3604/2026/000123' });
    expect(final.data!.application.timeline.map((t) => t.action)).toEqual([
      'SUBMIT',
      'CLAIM',
      'START_VERIFICATION',
      'REQUEST_REVISION',
      'RESUBMIT',
      'APPROVE',
      'COMPLETE',
    ]);
    expect(
      (await world.call(`mutation($id: ID!) { cancelApplication(id: $id) { id } }`, { id: app.id }, citizen)).errors?.[0].extensions?.reason,
    ).toBe('APPLICATION.NOT_CANCELLABLE');
  });

  it('lets exactly one of 50 concurrent officer actions on one version through; the others get CONFLICT and nothing is retried', async () => {
    const app = (await world.submit(citizen, AK1)).data!.submitApplication;
    const officers = await Promise.all(Array.from({ length: 50 }, (_, i) => world.staff('OFFICER', 'disnakertrans', `racer-${i}-${Date.now()}`)));
    const answers = await Promise.all(officers.map((t) => world.act(t, app.id, 'CLAIM', 1)));
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.filter((a) => a.errors).every((a) => a.errors![0].extensions?.code === 'CONFLICT')).toBe(true);
    const claims = await world.pool.query(`select count(*)::int as n from eventstore.events where stream_id = $1 and type = 'ApplicationClaimed'`, [
      `application-${app.id}`,
    ]);
    expect(claims.rows[0].n).toBe(1);

    // Fifty agency admins deciding the same version at once: one decision stands.
    const admins = await Promise.all(Array.from({ length: 50 }, () => world.staff('AGENCY_ADMIN', 'disnakertrans')));
    const decisions = await Promise.all(
      admins.map((t, i) =>
        i % 2 ? world.act(t, app.id, 'START_VERIFICATION', 2) : world.act(t, app.id, 'REJECT', 2, { note: 'Tidak memenuhi syarat usia kerja' }),
      ),
    );
    expect(decisions.filter((a) => !a.errors)).toHaveLength(1);
    expect(decisions.filter((a) => a.errors).map((a) => a.errors![0].extensions?.reason)).toEqual(Array(49).fill('APPLICATION.VERSION_CONFLICT'));
    const after = await world.pool.query(`select count(*)::int as n from eventstore.events where stream_id = $1`, [`application-${app.id}`]);
    expect(after.rows[0].n).toBe(3);
  });

  it('never shows nor lets another agency act on an application, nor another citizen see it', async () => {
    const app = (await world.submit(citizen, AK1)).data!.submitApplication;
    const other = await world.citizen();
    for (const token of [foreignOfficer, other]) {
      expect((await world.call(ONE, { id: app.id }, token)).errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'APPLICATION.NOT_FOUND',
      });
    }
    expect((await world.act(foreignOfficer, app.id, 'CLAIM', 1)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const foreignQueue = await world.call<{ agencyQueue: Array<{ id: string }> }>(QUEUE, {}, foreignOfficer);
    expect(foreignQueue.data!.agencyQueue.find((a) => a.id === app.id)).toBeUndefined();
    expect((await world.call(QUEUE, {}, citizen)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await world.act(citizen, app.id, 'CLAIM', 1)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await world.call(`mutation($id: ID!) { cancelApplication(id: $id) { id } }`, { id: app.id }, other)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses actions the workflow does not give, with the reason in the caller language', async () => {
    const app = (await world.submit(citizen, AK1)).data!.submitApplication;
    await world.act(admin, app.id, 'START_VERIFICATION', 1);
    const notHere = await world.act(admin, app.id, 'COMPLETE', 2, { outputReference: 'X' }, 'en');
    expect(notHere.errors?.[0]).toMatchObject({
      message: 'Action COMPLETE is not available in status VERIFYING.',
      extensions: { code: 'CONFLICT', reason: 'APPLICATION.ACTION_NOT_AVAILABLE' },
    });
    const systemApproves = await world.act(system, app.id, 'APPROVE', 2);
    expect(systemApproves.errors?.[0]).toMatchObject({ message: 'Peran Anda tidak berwenang melakukan APPROVE.', extensions: { code: 'FORBIDDEN' } });
    const stale = await world.act(admin, app.id, 'APPROVE', 1, {}, 'en');
    expect(stale.errors?.[0]).toMatchObject({
      message: 'The application has changed (version 2; you saw version 1); reload and decide again.',
      extensions: { code: 'CONFLICT' },
    });
    const unknown = await world.act(admin, app.id, 'FLY_TO_THE_MOON', 2);
    expect(unknown.errors?.[0].extensions?.reason).toBe('APPLICATION.ACTION_NOT_AVAILABLE');
    const versions = await world.pool.query(`select count(*)::int as n from eventstore.events where stream_id = $1`, [`application-${app.id}`]);
    expect(versions.rows[0].n).toBe(2); // nothing changed
  });

  it('lets the citizen cancel while nothing is final', async () => {
    const app = (await world.submit(citizen, AK1)).data!.submitApplication;
    const cancelled = await world.call<{ cancelApplication: ApplicationOut }>(
      `mutation($id: ID!) { cancelApplication(id: $id) { status statusName closed } }`,
      { id: app.id },
      citizen,
      'en',
    );
    expect(cancelled.data!.cancelApplication).toEqual({ status: 'CANCELLED', statusName: 'Cancelled', closed: true });
    const again = await world.call<{ cancelApplication: ApplicationOut }>(
      `mutation($id: ID!) { cancelApplication(id: $id) { status } }`,
      { id: app.id },
      citizen,
    );
    expect(again.data!.cancelApplication.status).toBe('CANCELLED'); // a resend changes nothing
    expect((await world.act(admin, app.id, 'START_VERIFICATION', 2)).errors?.[0].extensions?.reason).toBe('APPLICATION.CLOSED');
  });

  it('shows the agency queue soonest due first, filters it, and audits every staff read of a form or document first', async () => {
    const a = (await world.submit(citizen, AK1)).data!.submitApplication;
    await world.until(
      async () => ((await world.call<{ agencyQueue: Array<{ id: string }> }>(QUEUE, {}, officer)).data?.agencyQueue ?? []).some((x) => x.id === a.id),
      'in the queue',
    );
    const queue = (await world.call<{ agencyQueue: Array<{ id: string; dueAt: string | null }> }>(QUEUE, {}, officer)).data!.agencyQueue;
    const due = queue.map((x) => x.dueAt).filter((d): d is string => !!d);
    expect(due).toEqual([...due].sort());
    await world.act(officer, a.id, 'CLAIM', 1);
    await world.until(
      async () =>
        ((await world.call<{ agencyQueue: Array<{ id: string }> }>(QUEUE, { f: { assignedToMe: true } }, officer)).data?.agencyQueue ?? []).some(
          (x) => x.id === a.id,
        ),
      'claimed',
    );
    const unassigned = (
      await world.call<{ agencyQueue: Array<{ id: string; assigneeId: string | null }> }>(QUEUE, { f: { unassigned: true } }, admin)
    ).data!.agencyQueue;
    expect(unassigned.every((x) => x.assigneeId === null)).toBe(true);
    const byService = (await world.call<{ agencyQueue: unknown[] }>(QUEUE, { f: { serviceId: 'disnakertrans-job-fair' } }, admin)).data!.agencyQueue;
    expect(byService).toEqual([]);
    expect((await world.call(QUEUE, { f: { dueWithinHours: -2147483648 } }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const before = await world.pool.query(`select count(*)::int as n from eventstore.events where type = 'PersonalDataAccessed'`);
    const read = await world.call<{ application: { formData: string; applicant: { id: string } } }>(ONE, { id: a.id }, officer);
    expect(JSON.parse(read.data!.application.formData).desiredPosition).toBe('Welder');
    const audit = await world.pool.query(
      `select stream_id, data from eventstore.events where type = 'PersonalDataAccessed' order by position desc limit 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      stream_id: `requestaccess-${officerId}`,
      data: { subjectId: read.data!.application.applicant.id, purpose: 'FORM_READ', applicationId: a.id, service: 'request' },
    });

    const doc = a.documents[0].documentId;
    const download = await fetch(`${world.svc.url}/uploads/${doc}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const documentRead = await world.pool.query(
      `select data from eventstore.events where type = 'PersonalDataAccessed' and data->>'purpose' = 'DOCUMENT_READ'`,
    );
    expect(documentRead.rows).toHaveLength(1);
    expect((await fetch(`${world.svc.url}/uploads/${doc}`, { headers: { authorization: `Bearer ${foreignOfficer}` } })).status).toBe(404);
    // The citizen reads their own without an audit entry.
    await world.call(ONE, { id: a.id }, citizen);
    const after = await world.pool.query(`select count(*)::int as n from eventstore.events where type = 'PersonalDataAccessed'`);
    expect(after.rows[0].n - before.rows[0].n).toBe(2);
  });

  it('after the applicant is erased, keeps the application and shows nobody their form', async () => {
    const erasedCitizen = await world.citizen();
    const app = (await world.submit(erasedCitizen, AK1)).data!.submitApplication;
    const personId = JSON.parse(Buffer.from(erasedCitizen.split('.')[1], 'base64url').toString()).sub as string;
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
        (await world.pool.query('select 1 from request.person_keys where person_id = $1 and destroyed_at is not null', [personId])).rowCount === 1,
      'key destroyed',
    );
    const seen = await world.call<{ application: { formData: string | null; status: string } }>(
      `query($id: ID!) { application(id: $id) { status formData } }`,
      { id: app.id },
      admin,
    );
    expect(seen.data!.application).toEqual({ status: 'SUBMITTED', formData: null });
    expect((await world.act(admin, app.id, 'REJECT', 1, { note: 'Pemohon menghapus akunnya' })).errors?.[0].extensions?.code).toBeUndefined();
  });
});
