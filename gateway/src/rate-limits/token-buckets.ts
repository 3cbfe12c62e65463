/** A bucket's size and refill: `capacity` tokens, refilled evenly over `windowMs`. */
export interface BucketShape {
  capacity: number;
  windowMs: number;
}

/** One withdrawal: `cost` tokens from the bucket `key` of the given shape. */
export interface Withdrawal {
  key: string;
  shape: BucketShape;
  cost: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number; key: string };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets in memory, keyed by string. Pure apart from the map: the time comes from the
 * injected clock. A withdrawal of several buckets is all or nothing, so a refused request costs
 * none of them (a locked-out account does not also drain its address's allowance).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number,
    /** Past this many buckets the oldest are forgotten: memory stays bounded under a flood of addresses. */
    private readonly maxBuckets = 200_000,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes every withdrawal, or none and says when the scarcest bucket will have enough. */
  take(withdrawals: readonly Withdrawal[]): Verdict {
    const now = this.now();
    const levels = withdrawals.map((w) => this.level(w.key, w.shape, now));
    let retryAfterMs = 0;
    let scarcest = '';
    withdrawals.forEach((w, i) => {
      // A cost above the capacity could never be paid: it waits for a full bucket and takes it all.
      const needed = Math.min(w.cost, w.shape.capacity);
      const wait = levels[i] < needed ? ((needed - levels[i]) * w.shape.windowMs) / w.shape.capacity : 0;
      if (wait > retryAfterMs) [retryAfterMs, scarcest] = [wait, w.key];
    });
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs: Math.ceil(retryAfterMs), key: scarcest };
    withdrawals.forEach((w, i) => this.store(w.key, { tokens: levels[i] - Math.min(w.cost, w.shape.capacity), at: now }));
    return { allowed: true };
  }

  /** Forgets buckets that have refilled: they say nothing a new bucket would not. */
  sweep(shapeOf: (key: string) => BucketShape | undefined): void {
    const now = this.now();
    for (const [key, b] of this.buckets) {
      const shape = shapeOf(key);
      if (!shape || this.level(key, shape, now, b) >= shape.capacity) this.buckets.delete(key);
    }
  }

  private level(key: string, shape: BucketShape, now: number, bucket = this.buckets.get(key)): number {
    if (!bucket) return shape.capacity;
    const refilled = ((now - bucket.at) * shape.capacity) / shape.windowMs;
    // min(): a capacity that shrank (a replica joined) holds at most the new capacity.
    return Math.min(shape.capacity, bucket.tokens + Math.max(0, refilled));
  }

  private store(key: string, bucket: Bucket): void {
    // Re-inserted at the end: the map's order is the order of last use, oldest first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
