import { createHmac, randomBytes } from 'node:crypto';
import type { BlockList } from 'node:net';
import { Counter, Gauge } from 'prom-client';
import { registry } from '@serang/platform';
import { addressKey, isListed } from './address-list';
import type { LiveReplicas } from './live-replicas';
import { TokenBuckets, type BucketShape } from './token-buckets';

/** The limits: sign-in and registration per address and per account, and every mutation per caller. */
export const LIMITS = ['signin-address', 'signin-account', 'register-address', 'register-account', 'mutation-caller'] as const;
export type LimitName = (typeof LIMITS)[number];

export interface RateLimitSettings {
  /** Per minute for all replicas together; 0 = no limit. */
  perMinute: Record<LimitName, number>;
  /** Addresses no limit applies to. */
  exempt: BlockList;
}

/** One charge of a request: `cost` tokens from `limit`'s bucket for `key`. */
export interface Charge {
  limit: LimitName;
  key: string;
  cost: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: LimitName };

const WINDOW_MS = 60_000;

const refused = new Counter({
  name: 'serang_gateway_rate_limited_total',
  help: 'Requests refused by a gateway rate limit, by limit',
  labelNames: ['limit'] as const,
  registers: [registry],
});
let liveReplicas: LiveReplicas | undefined;
new Gauge({
  name: 'serang_gateway_replicas',
  help: 'Live gateway replicas this one shares its rate limits with (itself included)',
  registers: [registry],
  collect() {
    this.set(liveReplicas?.count ?? 1);
  },
});

/**
 * The gateway's rate limits, shared by all its replicas without a round trip per request: each
 * replica keeps token buckets in memory holding its share, limit ÷ live replicas (LiveReplicas).
 * Behind a load balancer that spreads a client's requests over the replicas, the client gets about
 * the whole limit; pinned to one replica, it gets that replica's share, less, never more. A shared
 * counter in PostgreSQL would be exact, but would cost a database write on every mutation and make
 * the database the bottleneck of the very flood the limits are there to absorb. A share is at
 * least one request, so a limit below the number of replicas is exceeded (by at most that number).
 */
export class RateLimiter {
  private readonly buckets: TokenBuckets;
  private readonly sweeper: NodeJS.Timeout;
  /** Account identifiers are keyed by a keyed hash, never kept as typed (the key dies with the process). */
  private readonly hashKey = randomBytes(32);

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly replicas: LiveReplicas,
    now: () => number,
  ) {
    this.buckets = new TokenBuckets(now);
    liveReplicas = replicas;
    this.sweeper = setInterval(() => this.buckets.sweep((key) => this.shape(key.slice(0, key.indexOf('|')) as LimitName)), WINDOW_MS);
    this.sweeper.unref();
  }

  isExempt(address: string): boolean {
    return isListed(this.settings.exempt, address);
  }

  /** The key of an address: IPv6 by its /64. */
  addressKey(address: string): string {
    return addressKey(address);
  }

  /** The key of an account identifier (an e-mail, a NIK, a client id, a refresh token), normalised then hashed. */
  accountKey(identifier: string): string {
    const compact = identifier.normalize('NFKC').trim().toLowerCase();
    // A NIK typed with spaces, dots or dashes is the same NIK.
    const normalised = /^[\d\s.-]+$/.test(compact) ? compact.replace(/\D/g, '') : compact;
    return createHmac('sha256', this.hashKey).update(normalised).digest('base64url').slice(0, 22);
  }

  /** Takes every charge, or none and says how long the caller must wait. */
  charge(address: string, charges: readonly Charge[]): RateVerdict {
    if (this.isExempt(address)) return { allowed: true };
    const merged = new Map<string, { shape: BucketShape; cost: number }>();
    for (const c of charges) {
      const shape = this.shape(c.limit);
      if (!shape) continue;
      const key = `${c.limit}|${c.key}`;
      merged.set(key, { shape, cost: (merged.get(key)?.cost ?? 0) + c.cost });
    }
    const verdict = this.buckets.take([...merged].map(([key, w]) => ({ key, ...w })));
    if (verdict.allowed) return verdict;
    const limit = verdict.key.slice(0, verdict.key.indexOf('|')) as LimitName;
    refused.inc({ limit });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)), limit };
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  private shape(limit: LimitName): BucketShape | undefined {
    const perMinute = this.settings.perMinute[limit];
    if (!perMinute) return undefined;
    return { capacity: Math.max(1, perMinute / Math.max(1, this.replicas.count)), windowMs: WINDOW_MS };
  }
}
