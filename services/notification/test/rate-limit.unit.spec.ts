import { parseRateLimits, TokenBucket } from '../src/domain/rate-limit';

describe('rate limits', () => {
  it('gives a second of tokens, then refills at the rate, never saving more than a second', () => {
    const b = new TokenBucket(10, 0);
    expect(b.take(25, 0)).toBe(10);
    expect(b.take(5, 0)).toBe(0);
    expect(b.msUntilNext()).toBe(100);
    expect(b.take(5, 300)).toBe(3);
    expect(b.take(50, 60_000)).toBe(10);
    b.giveBack(4);
    expect(b.take(50, 60_000)).toBe(4);
  });
  it('reads the configuration and refuses what it does not understand', () => {
    expect(parseRateLimits('email=50, sms=2.5', ['email', 'sms', 'whatsapp'])).toEqual({ email: 50, sms: 2.5 });
    expect(parseRateLimits('', ['email'])).toEqual({});
    for (const bad of ['fax=3', 'sms=0', 'sms', 'sms=x', 'sms=1=2']) expect(() => parseRateLimits(bad, ['email', 'sms'])).toThrow();
  });
});
