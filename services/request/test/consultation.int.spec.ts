import { randomUUID } from 'node:crypto';
import { attachDocuments, testPort } from '@serang/testing';
import { RequestWorld, type Gql } from './fixtures/request-world';

const THREAD = 'id status claimed assigneeId lastSeq citizenReadSeq agencyReadSeq unread subject agencyId serviceId applicationId updatedAt';
const OPEN = `mutation($i: OpenConsultationInput!) { openConsultation(input: $i) { ${THREAD} } }`;
const POST = `mutation($t: ID!, $m: ConsultationMessageInput!) { postConsultationMessage(threadId: $t, message: $m) { id seq authorRole mine text attachmentIds } }`;
const CLAIM = `mutation($id: ID!) { claimConsultation(id: $id) { ${THREAD} } }`;
const READ = `mutation($id: ID!, $n: Int!) { markConsultationRead(id: $id, upToSeq: $n) { ${THREAD} } }`;
const CLOSE = `mutation($id: ID!) { closeConsultation(id: $id) { ${THREAD} } }`;
const ONE = `query($id: ID!) { consultation(id: $id) { ${THREAD} } }`;
const LIST = `query($f: ConsultationsFilter) { consultations(filter: $f) { ${THREAD} } }`;
const MESSAGES = `query($t: ID!, $after: Int) { consultationMessages(threadId: $t, after: $after) { id seq authorRole mine text attachmentIds } }`;

type Thread = {
  id: string;
  status: string;
  claimed: boolean;
  assigneeId: string | null;
  lastSeq: number;
  citizenReadSeq: number;
  agencyReadSeq: number;
  unread: number;
  subject: string;
  updatedAt: string;
};
type Message = { id: string; seq: number; authorRole: string; mine: boolean; text: string | null; attachmentIds: string[] };
const code = (r: Gql) => String(r.errors?.[0]?.extensions?.code ?? 'OK');

/** Consultation threads against a real request process: both ways, claims, receipts, polling, resends, who may do what. */
describe('consultation threads (request process, real PostgreSQL)', () => {
  const world = new RequestWorld(testPort(4947));
  const t = {} as Record<'citizen' | 'otherCitizen' | 'officerA' | 'officer2A' | 'officerB' | 'adminA' | 'platformAdmin' | 'systemA', string>;
  let officerAId = '';
  let threadId = '';
  let photoId = '';

  beforeAll(async () => {
    await world.start();
    t.citizen = await world.citizen();
    t.otherCitizen = await world.citizen();
    officerAId = `officer-${randomUUID()}`;
    t.officerA = await world.staff('OFFICER', 'disnakertrans', officerAId);
    t.officer2A = await world.staff('OFFICER', 'disnakertrans');
    t.officerB = await world.staff('OFFICER', 'bapenda');
    t.adminA = await world.staff('AGENCY_ADMIN', 'disnakertrans');
    t.systemA = await world.staff('AGENCY_SYSTEM', 'disnakertrans');
    t.platformAdmin = await world.issuer.token({ sub: `admin-${randomUUID()}`, roles: ['PLATFORM_ADMIN'] });
  });
  afterAll(() => world.stop());

  it('a citizen opens a thread with an attachment; a resend of the open is the same thread', async () => {
    const [photo] = await attachDocuments(world.svc.url, t.citizen, [{ code: 'FOTO', image: true }]);
    photoId = photo.documentId;
    threadId = randomUUID();
    const input = {
      id: threadId,
      serviceId: 'disnakertrans-ak1',
      subject: 'Syarat kartu kuning',
      message: { messageId: randomUUID(), text: 'Apakah ijazah harus dilegalisir?', attachmentIds: [photo.documentId] },
    };
    const opened = await world.call<{ openConsultation: Thread }>(OPEN, { i: input }, t.citizen);
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openConsultation).toMatchObject({
      id: threadId,
      status: 'OPEN',
      claimed: false,
      lastSeq: 1,
      citizenReadSeq: 1,
      agencyReadSeq: 0,
      unread: 0,
      subject: 'Syarat kartu kuning',
    });
    expect((await world.call<{ openConsultation: Thread }>(OPEN, { i: input }, t.citizen)).data!.openConsultation.lastSeq).toBe(1);
    // Someone else's upload is not an attachment of yours.
    const foreign = await world.call(
      OPEN,
      { i: { ...input, id: randomUUID(), message: { ...input.message, messageId: randomUUID() } } },
      t.otherCitizen,
    );
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONSULTATION.INPUT_INVALID' });
    // The text is the citizen's: only a ciphertext in the store.
    const stored = await world.pool.query(`select string_agg(data::text, '') as t from eventstore.events where stream_id = $1`, [
      `consultation-${threadId}`,
    ]);
    expect(stored.rows[0].t).not.toContain('dilegalisir');
  });

  it('an officer claims before answering; a resend of a message posts it once; the same id with other text is a CONFLICT', async () => {
    const reply = { messageId: randomUUID(), text: 'Tidak perlu, cukup salinan.' };
    expect((await world.call(POST, { t: threadId, m: reply }, t.officerA)).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'CONSULTATION.NOT_CLAIMED',
    });
    const claimed = await world.call<{ claimConsultation: Thread }>(CLAIM, { id: threadId }, t.officerA);
    expect(claimed.data!.claimConsultation).toMatchObject({ claimed: true, assigneeId: officerAId });
    expect((await world.call(CLAIM, { id: threadId }, t.officer2A)).errors?.[0].extensions?.reason).toBe('CONSULTATION.CLAIMED_BY_ANOTHER');

    const first = await world.call<{ postConsultationMessage: Message }>(POST, { t: threadId, m: reply }, t.officerA);
    const again = await world.call<{ postConsultationMessage: Message }>(POST, { t: threadId, m: reply }, t.officerA);
    expect(first.data!.postConsultationMessage).toMatchObject({ seq: 2, authorRole: 'OFFICER', mine: true, text: reply.text });
    expect(again.data!.postConsultationMessage.seq).toBe(2);
    const other = await world.call(POST, { t: threadId, m: { ...reply, text: 'Lain' } }, t.officerA);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CONSULTATION.MESSAGE_ID_REUSED' });
  });

  it('the citizen polls cheaply: threads changed since, messages after a number; read receipts travel both ways', async () => {
    await world.until(
      async () =>
        ((await world.call<{ consultationMessages: Message[] }>(MESSAGES, { t: threadId }, t.citizen)).data?.consultationMessages.length ?? 0) === 2,
      'messages projected',
    );
    const fresh = await world.call<{ consultationMessages: Message[] }>(MESSAGES, { t: threadId, after: 1 }, t.citizen);
    expect(fresh.data!.consultationMessages).toEqual([
      expect.objectContaining({ seq: 2, authorRole: 'OFFICER', mine: false, text: 'Tidak perlu, cukup salinan.' }),
    ]);
    const mine = await world.call<{ consultations: Thread[] }>(LIST, {}, t.citizen);
    expect(mine.data!.consultations).toEqual([expect.objectContaining({ id: threadId, unread: 1, assigneeId: null, claimed: true })]);
    const since = mine.data!.consultations[0].updatedAt;
    expect((await world.call<{ consultations: Thread[] }>(LIST, { f: { since } }, t.citizen)).data!.consultations).toEqual([]);

    const read = await world.call<{ markConsultationRead: Thread }>(READ, { id: threadId, n: 2 }, t.citizen);
    expect(read.data!.markConsultationRead).toMatchObject({ citizenReadSeq: 2, unread: 0 });
    // The receipt is news for the agency's poll.
    await world.until(
      async () =>
        ((await world.call<{ consultations: Thread[] }>(LIST, { f: { since } }, t.officerA)).data?.consultations[0]?.citizenReadSeq ?? 0) === 2,
      'receipt projected',
    );
    expect((await world.call<{ consultations: Thread[] }>(LIST, { f: { unclaimed: true } }, t.adminA)).data!.consultations).toEqual([]);
  });

  it("the agency's officers and admins download the citizen's attachment (audited); another agency cannot", async () => {
    await world.until(
      async () => (await world.pool.query('select 1 from request.consultation_messages where thread_id = $1', [threadId])).rowCount! > 0,
      'projected',
    );
    const get = (token: string) => fetch(new URL(`/uploads/${photoId}`, world.svc.url), { headers: { authorization: `Bearer ${token}` } });
    expect((await get(t.officerA)).status).toBe(200);
    expect((await get(t.adminA)).status).toBe(200);
    expect((await get(t.officerB)).status).toBe(404);
    expect((await get(t.systemA)).status).toBe(404);
    expect((await get(t.otherCitizen)).status).toBe(404);
    const audited = await world.pool.query(
      `select count(*)::int as n from eventstore.events where stream_id like 'requestaccess-%' and data::text like '%DOCUMENT_READ%'`,
    );
    expect(audited.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('a closed thread stays readable and takes no more messages', async () => {
    expect((await world.call<{ closeConsultation: Thread }>(CLOSE, { id: threadId }, t.citizen)).data!.closeConsultation.status).toBe('CLOSED');
    expect(
      (await world.call(POST, { t: threadId, m: { messageId: randomUUID(), text: 'Satu lagi' } }, t.citizen)).errors?.[0].extensions?.reason,
    ).toBe('CONSULTATION.CLOSED');
    expect((await world.call<{ consultation: Thread }>(ONE, { id: threadId }, t.adminA)).data!.consultation).toMatchObject({
      status: 'CLOSED',
      lastSeq: 2,
    });
  });

  /** The authorisation matrix of consultation's operations: every kind of caller, own and other agency. */
  it('authorisation matrix: open, post, claim, read, close, consultation, consultations, consultationMessages', async () => {
    const callers = ['anonymous', ...Object.keys(t)] as Array<'anonymous' | keyof typeof t>;
    const as = (who: string) => (who === 'anonymous' ? undefined : t[who as keyof typeof t]);
    // A fresh open thread for the mutations, so that each caller's answer is about who they are.
    const id = randomUUID();
    await world.call(
      OPEN,
      { i: { id, agencyId: 'disnakertrans', subject: 'Matriks', message: { messageId: randomUUID(), text: 'Halo' } } },
      t.citizen,
    );
    const none = {
      anonymous: 'UNAUTHENTICATED',
      citizen: 'FORBIDDEN',
      otherCitizen: 'FORBIDDEN',
      officerA: 'FORBIDDEN',
      officer2A: 'FORBIDDEN',
      officerB: 'FORBIDDEN',
      adminA: 'FORBIDDEN',
      platformAdmin: 'FORBIDDEN',
      systemA: 'FORBIDDEN',
    };
    const parties = { ...none, citizen: 'OK', otherCitizen: 'NOT_FOUND', officerA: 'OK', officer2A: 'OK', adminA: 'OK', officerB: 'NOT_FOUND' };
    const cells: Array<{ op: string; run: (token?: string) => Promise<Gql>; expect: Record<string, string> }> = [
      {
        op: 'openConsultation',
        run: (token) =>
          world.call(OPEN, { i: { agencyId: 'disnakertrans', subject: 'Tanya', message: { messageId: randomUUID(), text: 'Halo' } } }, token),
        expect: { ...none, citizen: 'OK', otherCitizen: 'OK' },
      },
      { op: 'consultation', run: (token) => world.call(ONE, { id }, token), expect: parties },
      { op: 'consultations', run: (token) => world.call(LIST, {}, token), expect: { ...parties, otherCitizen: 'OK', officerB: 'OK' } },
      { op: 'consultationMessages', run: (token) => world.call(MESSAGES, { t: id }, token), expect: parties },
      // Not claimed: an officer's post is refused for that (so "allowed in" shows as CONFLICT), an admin's goes through.
      {
        op: 'postConsultationMessage',
        run: (token) => world.call(POST, { t: id, m: { messageId: randomUUID(), text: 'Balas' } }, token),
        expect: { ...parties, officerA: 'CONFLICT', officer2A: 'CONFLICT' },
      },
      {
        op: 'markConsultationRead (beyond the last message)',
        run: (token) => world.call(READ, { id, n: 99 }, token),
        expect: { ...parties, citizen: 'BAD_USER_INPUT', officerA: 'BAD_USER_INPUT', officer2A: 'BAD_USER_INPUT', adminA: 'BAD_USER_INPUT' },
      },
      {
        op: 'claimConsultation',
        run: (token) => world.call(CLAIM, { id }, token),
        expect: { ...parties, citizen: 'FORBIDDEN', otherCitizen: 'FORBIDDEN', officer2A: 'CONFLICT' },
      },
      { op: 'closeConsultation', run: (token) => world.call(CLOSE, { id }, token), expect: parties },
    ];
    const seen: Record<string, Record<string, string>> = {};
    for (const cell of cells) {
      seen[cell.op] = {};
      for (const who of callers) seen[cell.op][who] = code(await cell.run(as(who)));
    }
    expect(seen).toEqual(Object.fromEntries(cells.map((c) => [c.op, c.expect])));
  });
});
