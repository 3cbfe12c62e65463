/**
 * A provider's rate limit as a token bucket: `perSecond` tokens a second, at most one second's worth
 * saved up. Pure: the time comes in. A channel without a limit takes as many as asked.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    nowMs: number,
  ) {
    this.tokens = perSecond;
    this.at = nowMs;
  }

  /** Takes up to `wanted` whole tokens; answers how many it took. */
  take(wanted: number, nowMs: number): number {
    this.tokens = Math.min(this.perSecond, this.tokens + ((nowMs - this.at) / 1000) * this.perSecond);
    this.at = nowMs;
    const taken = Math.max(0, Math.min(wanted, Math.floor(this.tokens)));
    this.tokens -= taken;
    return taken;
  }

  /** Gives back tokens taken for messages that turned out not to be there. */
  giveBack(n: number): void {
    this.tokens = Math.min(this.perSecond, this.tokens + n);
  }

  /** Milliseconds until one token is there. */
  msUntilNext(): number {
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}

/** `email=50,sms=20` → { email: 50, sms: 20 }; throws on anything else. */
export function parseRateLimits(spec: string, channels: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [channel, value, ...rest] = part.split('=').map((x) => x.trim());
    const n = Number(value);
    if (rest.length || !channels.includes(channel) || !Number.isFinite(n) || n <= 0)
      throw new Error(`"${part}": expected <${channels.join('|')}>=<messages per second>`);
    out[channel] = n;
  }
  return out;
}
