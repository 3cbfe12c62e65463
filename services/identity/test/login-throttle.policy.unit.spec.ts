import { LOGIN_THROTTLE, recordFailure, retryAfterSeconds, type FailureRecord } from '../src/sessions/domain/login-throttle.policy';

const t0 = new Date('2026-03-02T01:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

/** Given failures at these offsets from t0, the record after the last one. */
const given = (...offsets: number[]): FailureRecord | undefined =>
  offsets.reduce<FailureRecord | undefined>((r, ms) => recordFailure(r, at(ms)), undefined);

describe('login throttle policy', () => {
  it('lets four failures through and locks for one minute at the fifth within 15 minutes', () => {
    const four = given(0, MIN, 2 * MIN, 3 * MIN);
    expect(four).toEqual({ failures: 4, lastFailureAt: at(3 * MIN) });
    expect(retryAfterSeconds(four, at(3 * MIN))).toBeUndefined();
    const five = recordFailure(four, at(4 * MIN));
    expect(five.lockedUntil).toEqual(at(5 * MIN));
    expect(retryAfterSeconds(five, at(4 * MIN))).toBe(60);
    expect(retryAfterSeconds(five, at(4 * MIN + 59_500))).toBe(1);
  });

  it('lifts the lock when it runs out', () => {
    const five = given(0, 0, 0, 0, 0);
    expect(retryAfterSeconds(five, at(MIN - 1))).toBe(1);
    expect(retryAfterSeconds(five, at(MIN))).toBeUndefined();
  });

  it('doubles the lock with each further failure, up to 60 minutes', () => {
    let r = given(0, 0, 0, 0, 0);
    const locks: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      now = r!.lockedUntil!.getTime() - t0.getTime(); // the next failure comes the moment the lock lifts
      r = recordFailure(r, at(now));
      locks.push((r.lockedUntil!.getTime() - t0.getTime() - now) / MIN);
    }
    expect(locks).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('starts over after 15 quiet minutes, counted from the end of the last lock', () => {
    expect(given(0, MIN, 2 * MIN, 3 * MIN, 3 * MIN + LOGIN_THROTTLE.quietMs)).toEqual({
      failures: 1,
      lastFailureAt: at(3 * MIN + LOGIN_THROTTLE.quietMs),
    });
    const locked = given(0, 0, 0, 0, 0); // locked until t0 + 1 min
    expect(recordFailure(locked, at(MIN + LOGIN_THROTTLE.quietMs - 1)).failures).toBe(6);
    expect(recordFailure(locked, at(MIN + LOGIN_THROTTLE.quietMs)).failures).toBe(1);
  });
});
