import { CrashHistory, DEFAULT_RESTART_POLICY, describeSupervisionEvent, type RestartPolicy } from '../src';

const policy: RestartPolicy = { initialDelayMs: 1000, maxDelayMs: 8000, maxCrashes: 5, windowMs: 120_000 };
const SECOND = 1000;

describe('restarting a crashed process', () => {
  it('waits 1 s, then twice as long after each further crash within the window, up to the cap', () => {
    const history = new CrashHistory({ ...policy, maxCrashes: 10 });
    const delays = [0, 10, 20, 30, 40, 50].map((s) => history.record('request', 1, s * SECOND));
    // 1, 2, 4, 8 s; then the cap (8 s) holds.
    expect(delays.map((d) => (d.restart ? d.delayMs : 'gave up'))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('gives up at the fifth crash of one process within two minutes, not at five crashes of different processes', () => {
    const history = new CrashHistory(policy);
    for (const [i, name] of ['identity', 'catalogue', 'request', 'notification', 'analytics'].entries()) {
      expect(history.record(name, null, i * SECOND)).toMatchObject({ restart: true, crashesInWindow: 1 });
    }
    for (let i = 1; i <= 4; i++) expect(history.record('gateway', 1, i * 20 * SECOND)).toMatchObject({ restart: true, crashesInWindow: i });
    expect(history.record('gateway', 1, 100 * SECOND)).toEqual({ restart: false, crashesInWindow: 5, why: 'too-many-crashes' });
  });

  it('forgets crashes older than the window: an occasional crash always restarts after the initial delay', () => {
    const history = new CrashHistory(policy);
    for (let hour = 0; hour < 10; hour++)
      expect(history.record('request', null, hour * 3600 * SECOND)).toEqual({ restart: true, delayMs: 1000, crashesInWindow: 1 });
    // Four crashes within 15 s, then two quiet minutes: the fifth starts a new window.
    const later = new CrashHistory(policy);
    for (const s of [0, 5, 10, 15]) later.record('request', 1, s * SECOND);
    expect(later.record('request', 1, 140 * SECOND)).toMatchObject({ restart: true, crashesInWindow: 1 });
  });

  it('gives up at once on a process that rejected its configuration (exit code 78): no restart can fix that', () => {
    expect(new CrashHistory(policy).record('identity', 78, 0)).toEqual({ restart: false, crashesInWindow: 1, why: 'bad-configuration' });
  });

  it('defaults to 5 crashes within 2 minutes, starting at 1 s', () => {
    expect(DEFAULT_RESTART_POLICY).toMatchObject({ initialDelayMs: 1000, maxCrashes: 5, windowMs: 120_000 });
  });
});

describe('the log line of each supervision event', () => {
  it('names the process, how it ended and what happens next', () => {
    expect(
      describeSupervisionEvent(
        { kind: 'crashed', name: 'request', pid: 4242, exit: { code: null, signal: 'SIGKILL' }, crashesInWindow: 2, restartInMs: 2000 },
        DEFAULT_RESTART_POLICY,
      ),
    ).toBe('request (pid 4242) exited unexpectedly (signal SIGKILL); restarting it, next attempt in 2 s (crash 2; gives up at 5 within 120 s)');
    expect(describeSupervisionEvent({ kind: 'restarted', name: 'request', pid: 4300, downMs: 6480 }, DEFAULT_RESTART_POLICY)).toBe(
      'request is back (pid 4300), 6.5 s after it exited',
    );
    expect(
      describeSupervisionEvent(
        { kind: 'gave-up', name: 'gateway', pid: 4400, exit: { code: 1, signal: null }, crashesInWindow: 5, why: 'too-many-crashes' },
        DEFAULT_RESTART_POLICY,
      ),
    ).toBe('gateway (pid 4400) exited unexpectedly (exit code 1), 5 times within 120 s; giving up and stopping the platform');
    expect(
      describeSupervisionEvent(
        { kind: 'gave-up', name: 'identity', pid: 4500, exit: { code: 78, signal: null }, crashesInWindow: 1, why: 'bad-configuration' },
        DEFAULT_RESTART_POLICY,
      ),
    ).toContain('rejected its configuration (exit code 78)');
  });
});
