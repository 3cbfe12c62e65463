import { startHttpRecorder, testPort, type HttpRecorder } from '@serang/testing';
import { randomUUID } from 'node:crypto';
import { RequestWorld } from './fixtures/request-world';

/**
 * Referral to SP4N-LAPOR! through its adapter, against a real local HTTP server that records what
 * it receives and answers as the national system would (docs/complaints.md states the assumed shape).
 */
describe('complaints referred to SP4N-LAPOR! (recording HTTP server)', () => {
  let lapor: HttpRecorder;
  let world: RequestWorld;
  /** Per complaint id: the answers still to give, in order (then 201 with ids). */
  const script = new Map<string, number[]>();
  const citizenId = `citizen-${randomUUID()}`;
  let citizen: string;
  let platform: string;

  beforeAll(async () => {
    lapor = await startHttpRecorder((r) => {
      const id = String(r.headers['idempotency-key']);
      const status = script.get(id)?.shift() ?? 201;
      return status === 201 ? { status, body: { id: 9000 + script.size, tracking_id: `LPR-${id.slice(-6)}` } } : { status, body: { error: 'x' } };
    });
    world = new RequestWorld(testPort(4962), { LAPOR_API_URL: lapor.url, LAPOR_API_TOKEN: 'lapor-test-token-123' });
    await world.start();
    citizen = await world.issuer.token({ sub: citizenId, roles: ['CITIZEN'] });
    platform = await world.issuer.token({ sub: `platform-${randomUUID()}`, roles: ['PLATFORM_ADMIN'] });
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
    await lapor?.close();
  });

  const REFER = `mutation($id: ID!) { referComplaintToLapor(id: $id) { id laporTrackingId version } }`;
  const fileOne = async (anonymous: boolean) =>
    (
      await world.call<{ fileComplaint: { id: string } }>(
        `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`,
        {
          i: {
            categoryCode: 'PUNGLI',
            text: 'Diminta uang tambahan Rp50.000 di loket X7',
            location: 'Loket 2',
            agencyId: 'samsat',
            anonymous,
            idempotencyKey: randomUUID(),
          },
        },
        citizen,
      )
    ).data!.fileComplaint.id;
  const verify = (id: string) =>
    world.call(`mutation($id: ID!) { transitionComplaint(id: $id, action: "VERIFY", expectedVersion: 1) { id } }`, { id }, platform);

  it('refers a verified anonymous complaint once: a failure records nothing, the retry sends the same key, the receipt is kept', async () => {
    const id = await fileOne(true);
    const early = await world.call(REFER, { id }, platform);
    expect(early.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPLAINT.LAPOR_REFERRAL_NOT_ALLOWED' });
    const officer = await world.staff('OFFICER', 'samsat');
    expect((await world.call(REFER, { id }, officer)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(lapor.requests()).toHaveLength(0);

    await verify(id);
    script.set(id, [503]);
    const failed = await world.call(REFER, { id }, platform, 'en');
    expect(failed.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPLAINT.LAPOR_UNAVAILABLE' });
    expect(failed.errors![0].message).toContain('nothing was recorded');

    const referred = await world.call<{ referComplaintToLapor: { laporTrackingId: string; version: number } }>(REFER, { id }, platform);
    // Not a step of the agency's work: the version officers act on stays.
    expect(referred.data!.referComplaintToLapor).toEqual({ id, laporTrackingId: `LPR-${id.slice(-6)}`, version: 2 });
    const sent = lapor.requests().filter((r) => r.headers['idempotency-key'] === id);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ method: 'POST', path: '/v1/reports' });
    expect(sent[1].headers.authorization).toBe('Bearer lapor-test-token-123');
    expect(sent[1].json).toEqual({
      external_id: id,
      category: 'PUNGLI',
      content: 'Diminta uang tambahan Rp50.000 di loket X7',
      location: 'Loket 2',
      is_anonymous: true,
      is_confidential: true,
      institution_code: 'samsat',
      reported_at: expect.any(String),
    });
    // Nobody is named to the national system.
    expect(sent[1].body).not.toContain(citizenId);

    const again = await world.call(REFER, { id }, platform);
    expect(again.errors![0].extensions).toMatchObject({ reason: 'COMPLAINT.LAPOR_REFERRAL_NOT_ALLOWED' });
    expect(lapor.requests().filter((r) => r.headers['idempotency-key'] === id)).toHaveLength(2);
  });

  it('a refusal by SP4N-LAPOR! (4xx) is said, and nothing is recorded', async () => {
    const id = await fileOne(false);
    await verify(id);
    script.set(id, [422]);
    const refused = await world.call(REFER, { id }, platform);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPLAINT.LAPOR_REJECTED' });
    const { rows } = await world.pool.query(
      `select count(*)::int as n from eventstore.events where stream_id = $1 and type = 'ComplaintReferredToLapor'`,
      [`complaint-${id}`],
    );
    expect(rows[0].n).toBe(0);
  });
});
