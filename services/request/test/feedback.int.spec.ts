import { randomUUID } from 'node:crypto';
import { testPort } from '@serang/testing';
import { RequestWorld, type Gql } from './fixtures/request-world';

const AK1 = 'disnakertrans-ak1';
const GIVE = `mutation($i: GiveFeedbackInput!) { giveFeedback(input: $i) { id kind applicationId agencyId serviceId scores critique suggestion } }`;
const COMMENTS = `query($f: FeedbackCommentsFilter) { feedbackComments(filter: $f) { comments { id kind agencyId serviceId critique suggestion } nextCursor } }`;
const SCORES = [4, 3, 4, 4, 3, 3, 4, 3, 3];
const CRITIQUE = 'Antrean verifikasi terlalu lama, hubungi saya di 0812-1111-2222';

type Give = { giveFeedback: { id: string; kind: string; applicationId: string | null; scores: number[]; critique: string | null } };
type Comments = {
  feedbackComments: {
    comments: Array<{ id: string; kind: string; agencyId: string; critique: string | null; suggestion: string | null }>;
    nextCursor: string | null;
  };
};
const code = (r: Gql) => r.errors?.[0]?.extensions?.code ?? 'OK';

/** Feedback and the IKM survey against a real request process: who may answer, once, and who reads what. */
describe('feedback and the satisfaction survey (request process, real PostgreSQL)', () => {
  const world = new RequestWorld(testPort(4946));
  const t = {} as Record<'citizen' | 'otherCitizen' | 'officerA' | 'officerB' | 'adminA' | 'platformAdmin' | 'systemA', string>;
  let citizenId = '';
  let finished = '';
  let running = '';

  beforeAll(async () => {
    await world.start();
    citizenId = `citizen-${randomUUID()}`;
    t.citizen = await world.issuer.token({ sub: citizenId, roles: ['CITIZEN'] });
    t.otherCitizen = await world.citizen();
    t.officerA = await world.staff('OFFICER', 'disnakertrans');
    t.officerB = await world.staff('OFFICER', 'bapenda');
    t.adminA = await world.staff('AGENCY_ADMIN', 'disnakertrans');
    t.systemA = await world.staff('AGENCY_SYSTEM', 'disnakertrans');
    t.platformAdmin = await world.issuer.token({ sub: `admin-${randomUUID()}`, roles: ['PLATFORM_ADMIN'] });
    running = (await world.submit(t.citizen, AK1)).data!.submitApplication.id;
    finished = (await world.submit(t.citizen, AK1)).data!.submitApplication.id;
    await world.act(t.officerA, finished, 'CLAIM', 1);
    await world.act(t.officerA, finished, 'START_VERIFICATION', 2);
    const rejected = await world.act(t.officerA, finished, 'REJECT', 3, { note: 'Ijazah tidak sesuai' });
    expect(rejected.data?.transitionApplication.status).toBe('REJECTED');
  });
  afterAll(() => world.stop());

  it('the applicant answers the survey of a finished application once; a resend answers the same', async () => {
    const early = await world.call(GIVE, { i: { applicationId: running, scores: SCORES } }, t.citizen, 'en');
    expect(early.errors?.[0]).toMatchObject({
      message: 'The satisfaction survey opens once the application is completed or rejected.',
      extensions: { code: 'CONFLICT', reason: 'FEEDBACK.APPLICATION_NOT_FINISHED' },
    });

    const input = { applicationId: finished, scores: SCORES, profile: { sex: 'FEMALE', education: 'SMA' }, critique: CRITIQUE };
    const first = await world.call<Give>(GIVE, { i: input }, t.citizen);
    expect(first.errors).toBeUndefined();
    expect(first.data!.giveFeedback).toMatchObject({ id: finished, kind: 'SURVEY', applicationId: finished, scores: SCORES, critique: CRITIQUE });
    expect((await world.call<Give>(GIVE, { i: input }, t.citizen)).data!.giveFeedback.id).toBe(finished);
    const again = await world.call(GIVE, { i: { ...input, scores: [1, 1, 1, 1, 1, 1, 1, 1, 1] } }, t.citizen);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'FEEDBACK.ALREADY_ANSWERED' });

    const bad = await world.call(GIVE, { i: { applicationId: running, scores: [5, 4] } }, t.citizen, 'en');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' }); // not finished comes first: nothing to score yet
    // The critique is personal (it carries a phone number): only a ciphertext in the event store.
    const stored = await world.pool.query(`select string_agg(data::text, '') as t from eventstore.events where stream_id = $1`, [
      `feedback-${finished}`,
    ]);
    expect(stored.rows[0].t).not.toContain('0812-1111-2222');
    expect(stored.rows[0].t).toContain('vault:');
  });

  it('a comment on its own, with an idempotency key: the resend lands on the same feedback', async () => {
    const i = { agencyId: 'disnakertrans', suggestion: 'Tambahkan layanan konsultasi daring di akhir pekan', idempotencyKey: 'saran-1' };
    const a = await world.call<Give>(GIVE, { i }, t.otherCitizen);
    const b = await world.call<Give>(GIVE, { i }, t.otherCitizen);
    expect(a.errors).toBeUndefined();
    expect(b.data!.giveFeedback.id).toBe(a.data!.giveFeedback.id);
    // Resends racing each other (a client retrying on a flaky line): one comment, every answer the same.
    const raced = { serviceId: 'disnakertrans-ak1', critique: 'Formulir terlalu panjang', idempotencyKey: 'race-1' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => world.call<Give>(GIVE, { i: raced }, t.otherCitizen)));
    expect(answers.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(new Set(answers.map((r) => r.data!.giveFeedback.id)).size).toBe(1);
    const streamOf = `feedback-${answers[0].data!.giveFeedback.id}`;
    expect((await world.pool.query('select count(*)::int as n from eventstore.events where stream_id = $1', [streamOf])).rows[0].n).toBe(1);
    const unknown = await world.call(GIVE, { i: { agencyId: 'atlantis', critique: 'x' } }, t.otherCitizen);
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'FEEDBACK.INPUT_INVALID',
      fields: { agencyId: 'Instansi tidak dikenal.' },
    });
  });

  it("agencies read their comments without authors, page by page; platform admins read every agency's", async () => {
    await world.until(
      async () => ((await world.call<Comments>(COMMENTS, {}, t.officerA)).data?.feedbackComments.comments.length ?? 0) >= 2,
      'comments projected',
    );
    // One comment per page, following the cursor to the end.
    const both: Comments['feedbackComments']['comments'] = [];
    let after: string | null | undefined;
    do {
      const page = await world.call<Comments>(COMMENTS, { f: { first: 1, ...(after ? { after } : {}) } }, t.officerA);
      expect(page.data!.feedbackComments.comments.length).toBeLessThanOrEqual(1);
      both.push(...page.data!.feedbackComments.comments);
      after = page.data!.feedbackComments.nextCursor;
    } while (after);
    expect(both.map((c) => c.kind).sort()).toEqual(['COMMENT', 'COMMENT', 'SURVEY']);
    expect(both.find((c) => c.kind === 'SURVEY')!.critique).toBe(CRITIQUE);
    expect(JSON.stringify(both)).not.toContain(citizenId);

    const all = await world.call<Comments>(COMMENTS, {}, t.platformAdmin);
    expect(all.data!.feedbackComments.comments.length).toBeGreaterThanOrEqual(2);
    expect((await world.call<Comments>(COMMENTS, {}, t.officerB)).data!.feedbackComments.comments).toEqual([]);
  });

  /** The authorisation matrix of feedback's operations: every kind of caller, own and other agency. */
  it('authorisation matrix: giveFeedback, feedbackComments, surveyElements', async () => {
    const callers = ['anonymous', ...Object.keys(t)] as Array<'anonymous' | keyof typeof t>;
    const as = (who: string) => (who === 'anonymous' ? undefined : t[who as keyof typeof t]);
    const cells: Array<{ op: string; run: (token?: string) => Promise<Gql>; expect: Record<string, string> }> = [
      {
        op: 'giveFeedback (survey of the citizen’s finished application)',
        run: (token) =>
          world.call(
            GIVE,
            { i: { applicationId: finished, scores: SCORES, profile: { sex: 'FEMALE', education: 'SMA' }, critique: CRITIQUE } },
            token,
          ),
        expect: {
          anonymous: 'UNAUTHENTICATED',
          citizen: 'OK',
          otherCitizen: 'NOT_FOUND',
          officerA: 'FORBIDDEN',
          officerB: 'FORBIDDEN',
          adminA: 'FORBIDDEN',
          platformAdmin: 'FORBIDDEN',
          systemA: 'FORBIDDEN',
        },
      },
      {
        op: 'giveFeedback (comment about an agency)',
        run: (token) => world.call(GIVE, { i: { agencyId: 'disnakertrans', critique: 'Loket kurang ramah', idempotencyKey: 'matrix' } }, token),
        expect: {
          anonymous: 'UNAUTHENTICATED',
          citizen: 'OK',
          otherCitizen: 'OK',
          officerA: 'FORBIDDEN',
          officerB: 'FORBIDDEN',
          adminA: 'FORBIDDEN',
          platformAdmin: 'FORBIDDEN',
          systemA: 'FORBIDDEN',
        },
      },
      {
        op: "feedbackComments (own agency's)",
        run: (token) => world.call(COMMENTS, { f: { agencyId: 'disnakertrans' } }, token),
        expect: {
          anonymous: 'UNAUTHENTICATED',
          citizen: 'FORBIDDEN',
          otherCitizen: 'FORBIDDEN',
          officerA: 'OK',
          officerB: 'FORBIDDEN',
          adminA: 'OK',
          platformAdmin: 'OK',
          systemA: 'FORBIDDEN',
        },
      },
      {
        op: 'surveyElements',
        run: (token) => world.call(`{ surveyElements { code name } }`, {}, token),
        expect: Object.fromEntries(callers.map((c) => [c, 'OK'])),
      },
    ];
    const seen: Record<string, Record<string, string>> = {};
    for (const cell of cells) {
      seen[cell.op] = {};
      for (const who of callers) seen[cell.op][who] = String(code(await cell.run(as(who))));
    }
    expect(seen).toEqual(Object.fromEntries(cells.map((c) => [c.op, c.expect])));
  });
});
