import { testPort } from '@serang/testing';
import { randomUUID } from 'node:crypto';
import { RequestWorld, type Gql } from './fixtures/request-world';

/**
 * Every complaint operation × every kind of caller (the identity matrix's method, for request's
 * complaint operations). Each cell names what the caller must get: OK, or the code of the refusal.
 * Where being allowed would change something, the call carries deliberately wrong input (or a stale
 * version), so "allowed" shows as that refusal instead of FORBIDDEN: the authorisation check comes
 * first. What each caller may do to a complaint in each state is the decider spec's matrix.
 */
type Who = 'anonymous' | 'citizen' | 'otherCitizen' | 'officerA' | 'officerB' | 'adminA' | 'platformAdmin' | 'systemA';
const EVERYONE: Who[] = ['anonymous', 'citizen', 'otherCitizen', 'officerA', 'officerB', 'adminA', 'platformAdmin', 'systemA'];
type Outcome = 'OK' | 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

describe('complaints authorisation matrix (request process, real PostgreSQL)', () => {
  const world = new RequestWorld(testPort(4963));
  const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
  let complaintId = '';

  beforeAll(async () => {
    await world.start();
    tokens.citizen = await world.citizen();
    tokens.otherCitizen = await world.citizen();
    tokens.officerA = await world.staff('OFFICER', 'dpupr');
    tokens.officerB = await world.staff('OFFICER', 'dinsos');
    tokens.adminA = await world.staff('AGENCY_ADMIN', 'dpupr');
    tokens.systemA = await world.staff('AGENCY_SYSTEM', 'dpupr');
    tokens.platformAdmin = await world.issuer.token({ sub: `platform-${randomUUID()}`, roles: ['PLATFORM_ADMIN'] });
    const filed = await world.call<{ fileComplaint: { id: string } }>(
      `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`,
      { i: { categoryCode: 'INFRASTRUKTUR', text: 'Jembatan rusak', agencyId: 'dpupr', idempotencyKey: randomUUID() } },
      tokens.citizen,
    );
    complaintId = filed.data!.fileComplaint.id;
    const act = (action: string, v: number) =>
      world.call(
        `mutation($id: ID!, $a: String!, $v: Int!) { transitionComplaint(id: $id, action: $a, expectedVersion: $v) { id } }`,
        { id: complaintId, a: action, v },
        tokens.platformAdmin,
      );
    await act('VERIFY', 1);
    await act('FORWARD', 2);
  }, 120_000);
  afterAll(() => world.stop());

  const q =
    (query: string, variables: () => Record<string, unknown> = () => ({})) =>
    (who: Who): Promise<Gql> =>
      world.call(query, variables(), who === 'anonymous' ? undefined : tokens[who]);

  const cells: Array<{ operation: string; run: (who: Who) => Promise<Gql>; expect: Partial<Record<Who, Outcome>> }> = [
    { operation: 'complaintCategories', run: q('{ complaintCategories { code } }'), expect: Object.fromEntries(EVERYONE.map((w) => [w, 'OK'])) },
    {
      operation: 'complaintCategories(includeInactive)',
      run: q('{ complaintCategories(includeInactive: true) { code } }'),
      expect: { platformAdmin: 'OK' },
    },
    {
      operation: 'configureComplaintCategory (SLA 0: refused input)',
      run: q(`mutation { configureComplaintCategory(input: { code: "UJI", nameId: "Uji", nameEn: "Test", slaWorkingDays: 0 }) { code } }`),
      expect: { platformAdmin: 'BAD_USER_INPUT' },
    },
    {
      operation: 'fileComplaint (empty text: refused input)',
      run: q(`mutation { fileComplaint(input: { categoryCode: "LAINNYA", text: " ", idempotencyKey: "k-1" }) { id } }`),
      expect: { citizen: 'BAD_USER_INPUT', otherCitizen: 'BAD_USER_INPUT' },
    },
    { operation: 'myComplaints', run: q('{ myComplaints { id } }'), expect: { citizen: 'OK', otherCitizen: 'OK' } },
    {
      operation: 'complaint(id) forwarded to dpupr',
      run: q('query($id: ID!) { complaint(id: $id) { id } }', () => ({ id: complaintId })),
      expect: { citizen: 'OK', otherCitizen: 'NOT_FOUND', officerA: 'OK', adminA: 'OK', officerB: 'NOT_FOUND', platformAdmin: 'OK' },
    },
    {
      operation: 'complaintQueue',
      run: q('{ complaintQueue { id } }'),
      expect: { officerA: 'OK', officerB: 'OK', adminA: 'OK', platformAdmin: 'OK' },
    },
    {
      operation: 'transitionComplaint (stale version: CONFLICT for whoever may see it)',
      run: q(`mutation($id: ID!) { transitionComplaint(id: $id, action: "TAKE_UP", expectedVersion: 99) { id } }`, () => ({ id: complaintId })),
      expect: {
        citizen: 'CONFLICT',
        otherCitizen: 'NOT_FOUND',
        officerA: 'CONFLICT',
        adminA: 'CONFLICT',
        officerB: 'NOT_FOUND',
        platformAdmin: 'CONFLICT',
      },
    },
    {
      operation: 'referComplaintToLapor (not configured here: CONFLICT once allowed)',
      run: q(`mutation($id: ID!) { referComplaintToLapor(id: $id) { id } }`, () => ({ id: complaintId })),
      expect: { platformAdmin: 'CONFLICT' },
    },
  ];

  it.each(cells.flatMap((c) => EVERYONE.map((who) => ({ ...c, who }))))('$operation as $who', async ({ run, who, expect: outcomes }) => {
    const expected: Outcome = outcomes[who] ?? (who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    const r = await run(who);
    const got: Outcome = r.errors?.length ? (r.errors[0].extensions?.code as Outcome) : 'OK';
    expect({ who, got }).toEqual({ who, got: expected });
  });
});
