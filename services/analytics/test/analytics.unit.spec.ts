import { agencyFigures } from '../src/domain/agency-performance.report';
import { InvalidPeriod, periodFrom } from '../src/domain/period.value';
import { PerformanceForbidden, performanceScope } from '../src/domain/performance-scope.policy';
import { jakartaDay, MalformedEvent, submissionFrom } from '../src/domain/submission.fact';

describe('the day a submission counts on', () => {
  it('is the Asia/Jakarta calendar day, which starts at 17:00 UTC', () => {
    expect(jakartaDay('2026-03-01T16:59:59.999Z')).toBe('2026-03-01');
    expect(jakartaDay('2026-03-01T17:00:00.000Z')).toBe('2026-03-02');
  });

  it('comes with the facts of the event, and a malformed event is refused', () => {
    const data = {
      applicationId: 'a-1',
      serviceId: 's-1',
      serviceVersion: 2,
      agencyId: 'dinsos',
      submittedAt: '2026-12-31T20:00:00.000Z',
      dueAt: '2027-01-07T16:59:59.999Z',
    };
    expect(submissionFrom(data)).toEqual({ ...data, day: '2027-01-01' });
    expect(() => submissionFrom({ ...data, agencyId: '' })).toThrow(MalformedEvent);
    expect(() => submissionFrom({ ...data, submittedAt: 'yesterday' })).toThrow(MalformedEvent);
  });
});

describe('a reporting period', () => {
  it('takes ISO dates, either end open', () => {
    expect(periodFrom(undefined)).toEqual({ from: undefined, to: undefined });
    expect(periodFrom({ from: '2026-03-01', to: null })).toEqual({ from: '2026-03-01', to: undefined });
    expect(periodFrom({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('refuses what is not a real date, and an end before the start, naming the field', () => {
    for (const bad of ['2026-02-30', '01-03-2026', '2026-3-1', 'today']) {
      expect(() => periodFrom({ from: bad })).toThrow(expect.objectContaining({ field: 'from', key: 'PERIOD.NOT_A_DATE' }));
    }
    expect(() => periodFrom({ from: '2026-03-02', to: '2026-03-01' })).toThrow(
      expect.objectContaining({ field: 'to', key: 'PERIOD.ENDS_BEFORE_START' }),
    );
    expect(() => periodFrom({ to: 'x' })).toThrow(InvalidPeriod);
  });
});

describe('who sees which agency', () => {
  it('lets the platform admin see all, or the one asked for', () => {
    expect(performanceScope({ roles: ['PLATFORM_ADMIN'] })).toEqual({ kind: 'all' });
    expect(performanceScope({ roles: ['PLATFORM_ADMIN'] }, 'bapenda')).toEqual({ kind: 'agency', agencyId: 'bapenda' });
  });

  it("keeps officers and agency admins to their token's agency", () => {
    expect(performanceScope({ roles: ['OFFICER'], agency: 'bapenda' })).toEqual({ kind: 'agency', agencyId: 'bapenda' });
    expect(performanceScope({ roles: ['AGENCY_ADMIN'], agency: 'bapenda' }, 'bapenda')).toEqual({ kind: 'agency', agencyId: 'bapenda' });
    expect(() => performanceScope({ roles: ['OFFICER'], agency: 'bapenda' }, 'dinsos')).toThrow(new PerformanceForbidden('ANALYTICS.OTHER_AGENCY'));
    expect(() => performanceScope({ roles: ['OFFICER'] })).toThrow(new PerformanceForbidden('ANALYTICS.NOT_ALLOWED'));
  });

  it('refuses citizens, whatever agency they name', () => {
    expect(() => performanceScope({ roles: ['CITIZEN'], agency: 'bapenda' }, 'bapenda')).toThrow(PerformanceForbidden);
  });
});

describe('figures per agency', () => {
  const totals = [
    { agencyId: 'dinsos', serviceId: 's-2', submitted: 1 },
    { agencyId: 'bapenda', serviceId: 's-1', submitted: 4 },
    { agencyId: 'bapenda', serviceId: 's-3', submitted: 2 },
  ];

  it('sums the services of each agency, agencies in id order', () => {
    expect(agencyFigures(totals, { kind: 'all' })).toEqual([
      {
        agencyId: 'bapenda',
        submitted: 6,
        byService: [
          { serviceId: 's-1', submitted: 4 },
          { serviceId: 's-3', submitted: 2 },
        ],
      },
      { agencyId: 'dinsos', submitted: 1, byService: [{ serviceId: 's-2', submitted: 1 }] },
    ]);
  });

  it('answers one agency with zeros when nothing arrived', () => {
    expect(agencyFigures([], { kind: 'agency', agencyId: 'bpbd' })).toEqual([{ agencyId: 'bpbd', submitted: 0, byService: [] }]);
    expect(agencyFigures(totals, { kind: 'agency', agencyId: 'bpbd' }, ['bapenda', 'bpbd'])).toEqual([
      { agencyId: 'bpbd', submitted: 0, byService: [] },
    ]);
  });

  it('answers every known agency when the scope is all, zeros included, and one not known yet that received something', () => {
    const figures = agencyFigures(totals, { kind: 'all' }, ['bpbd', 'bapenda', 'inspektorat']);
    expect(figures.map((f) => [f.agencyId, f.submitted])).toEqual([
      ['bapenda', 6],
      ['bpbd', 0],
      ['dinsos', 1],
      ['inspektorat', 0],
    ]);
  });
});
