import { testPort } from '@serang/testing';
import { PlatformWorld, type Person } from './fixtures/platform-world';

const PBB_FORM = { nop: '360401000100200300', taxpayerName: 'Hj. Aminah', taxYears: [2024, 2025], purpose: 'JUAL_BELI', phone: '081234567890' };
const GIVE = `mutation($i: GiveFeedbackInput!) { giveFeedback(input: $i) { id kind applicationId scores critique suggestion } }`;
const COMMENTS = `query($f: FeedbackCommentsFilter) { feedbackComments(filter: $f) { comments { kind serviceId critique suggestion } nextCursor } }`;
const IKM = `query($a: ID) { agencyPerformance(agencyId: $a) { agencyId ikm { respondents population minimumSample sufficientSample score grade gradeLabel
  elements { code name nrr } byService { serviceId ikm { respondents score grade } } } } }`;
// Σ = 33 over one respondent: NRR sum 33, IKM 33/9 = 3.666…, × 25 = 91.666… → 91.67, A.
const SCORES = [4, 3, 4, 4, 4, 3, 4, 4, 3];

type Ikm = {
  respondents: number;
  population: number;
  minimumSample: number;
  sufficientSample: boolean;
  score: number | null;
  grade: string | null;
  gradeLabel: string | null;
};

/** The semester a Jakarta date falls in, as the report's path names it. */
const semesterOf = (d: Date) => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' }).format(d).split('-');
  return `${y}-${Number(m) <= 6 ? 1 : 2}`;
};

/**
 * Feedback through the gateway, as clients make it: a citizen's application is decided, she
 * answers the survey; another citizen gives a suggestion on his own; the agency reads both without
 * authors and sees its IKM and its semester report; another agency sees none of it.
 */
describe('feedback and IKM end to end (gateway, five services, default mode)', () => {
  const world = new PlatformWorld('store', testPort(5340));
  let siti: Person;
  let ahmad: Person;
  let bapenda: Person;
  let disnaker: Person;
  let applicationId = '';

  beforeAll(async () => {
    await world.start();
    siti = await world.citizen('Siti Nurhaliza');
    ahmad = await world.citizen('Ahmad Fauzi');
    bapenda = await world.staff(['OFFICER'], 'bapenda', 'Rina Bapenda');
    disnaker = await world.staff(['OFFICER'], 'disnakertrans', 'Andi Disnaker');
  });
  afterAll(() => world.stop());

  it('the applicant answers the survey once her application is decided, once', async () => {
    applicationId = (await world.submit(siti, 'bapenda-pbb-certificate', PBB_FORM)).data!.submitApplication.id;
    const early = await world.call(GIVE, { i: { applicationId, scores: SCORES } }, siti.token);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'FEEDBACK.APPLICATION_NOT_FINISHED' });

    const claimed = (await world.act(bapenda, applicationId, 'CLAIM', 1)).data!.transitionApplication;
    const rejected = await world.act(bapenda, applicationId, 'REJECT', claimed.version, { note: 'Masih ada tunggakan PBB tahun 2023' });
    expect(rejected.data!.transitionApplication.status).toBe('REJECTED');

    const elements = await world.call<{ surveyElements: Array<{ code: string; name: string }> }>(
      `{ surveyElements { code name } }`,
      {},
      undefined,
      'en',
    );
    expect(elements.data!.surveyElements.map((e) => e.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    expect(elements.data!.surveyElements[0].name).toBe('Requirements');

    const input = {
      applicationId,
      scores: SCORES,
      profile: { ageGroup: '40_49', sex: 'FEMALE', education: 'SMA', occupation: 'WIRAUSAHA' },
      critique: 'Syarat tunggakan tidak dijelaskan di awal',
    };
    const answered = await world.call(GIVE, { i: input }, siti.token);
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toEqual({
      giveFeedback: { id: applicationId, kind: 'SURVEY', applicationId, scores: SCORES, critique: input.critique, suggestion: null },
    });
    const twice = await world.call(GIVE, { i: { ...input, scores: SCORES.map(() => 1) } }, siti.token);
    expect(twice.errors?.[0]).toMatchObject({ message: 'Survei untuk permohonan ini sudah diisi.', extensions: { code: 'CONFLICT' } });
    // Someone else cannot answer for her application; an officer cannot answer at all.
    expect((await world.call(GIVE, { i: input }, ahmad.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await world.call(GIVE, { i: input }, bapenda.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a suggestion on its own survives a lost answer: the resend with the same key is the same feedback', async () => {
    const i = { serviceId: 'bapenda-pbb-certificate', suggestion: 'Tampilkan tunggakan sebelum mengajukan', idempotencyKey: 'saran-pbb-1' };
    const [a, b] = [
      await world.call<{ giveFeedback: { id: string } }>(GIVE, { i }, ahmad.token),
      await world.call<{ giveFeedback: { id: string } }>(GIVE, { i }, ahmad.token),
    ];
    expect(a.errors).toBeUndefined();
    expect(b.data!.giveFeedback.id).toBe(a.data!.giveFeedback.id);
  });

  it('the agency reads both without their authors; another agency reads none of them', async () => {
    const page = await world.until(async () => {
      const r = await world.call<{ feedbackComments: { comments: Array<{ kind: string; critique: string | null; suggestion: string | null }> } }>(
        COMMENTS,
        {},
        bapenda.token,
      );
      return (r.data?.feedbackComments.comments.length ?? 0) >= 2 ? r.data!.feedbackComments : undefined;
    }, 'comments projected');
    expect(page.comments.map((c) => c.kind).sort()).toEqual(['COMMENT', 'SURVEY']);
    expect(JSON.stringify(page)).not.toMatch(/Siti|Ahmad|citizen/i);
    expect((await world.call(COMMENTS, { f: { agencyId: 'bapenda' } }, disnaker.token)).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'FEEDBACK.OTHER_AGENCY',
    });
    expect((await world.call(COMMENTS, {}, siti.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('agencyPerformance shows the IKM; the semester report downloads through the gateway', async () => {
    const ikm = await world.until(async () => {
      const r = await world.call<{ agencyPerformance: Array<{ ikm: Ikm & { byService: Array<{ serviceId: string }> } }> }>(IKM, {}, bapenda.token);
      return r.data?.agencyPerformance[0]?.ikm.respondents === 1 ? r.data.agencyPerformance[0].ikm : undefined;
    }, 'analytics counted the answer');
    expect(ikm).toMatchObject({
      respondents: 1,
      population: 1,
      minimumSample: 1,
      sufficientSample: true,
      score: 91.67,
      grade: 'A',
      gradeLabel: 'Sangat Baik',
    });
    expect(ikm.byService).toEqual([{ serviceId: 'bapenda-pbb-certificate', ikm: { respondents: 1, score: 91.67, grade: 'A' } }]);
    expect((await world.call(IKM, { a: 'bapenda' }, disnaker.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const path = `${world.platform.urls.gateway}/ikm-reports/bapenda/${semesterOf(new Date())}.csv`;
    const csv = await fetch(path, { headers: { authorization: `Bearer ${bapenda.token}` } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).split('\r\n');
    expect(lines).toContain(`1,${SCORES.join(',')}`);
    expect(lines).toContain('IKM unit pelayanan (× 25),91.67');
    expect(lines).toContain('Pekerjaan,Wirausaha,1,100.00%');
    expect((await fetch(path)).status).toBe(401);
    expect((await fetch(path, { headers: { authorization: `Bearer ${disnaker.token}` } })).status).toBe(403);
    expect((await fetch(path, { method: 'POST', headers: { authorization: `Bearer ${bapenda.token}` } })).status).toBe(405);
  });
});
