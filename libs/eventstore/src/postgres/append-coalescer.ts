/**
 * Group commit for appends. While one transaction is in flight, new appends queue up; when it
 * ends, all queued appends go out together as the next transaction. One writer pays one round
 * trip per append (nothing waits for company); sixteen writers share one commit (one WAL flush)
 * per round trip. Each append keeps its own concurrency check and result: the database function
 * answers per element.
 */
export interface CoalescedAppend<Req, Res> {
  request: Req;
  resolve(result: Res): void;
  reject(error: unknown): void;
}

export class AppendCoalescer<Req, Res> {
  private queue: CoalescedAppend<Req, Res>[] = [];
  private running = false;

  constructor(
    /** Runs one transaction; answers one result (or error) per request, in order. */
    private readonly execute: (requests: Req[]) => Promise<Array<Res | Error>>,
    /** Appends with the same key (stream) never share a batch: each must see the one before it. */
    private readonly keyOf: (request: Req) => string,
    private readonly maxBatch = 256,
  ) {}

  submit(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.run(this.takeBatch());
      }
    } finally {
      this.running = false;
    }
  }

  /** The oldest queued appends, at most one per stream; later ones of a stream keep their order. */
  private takeBatch(): CoalescedAppend<Req, Res>[] {
    const batch: CoalescedAppend<Req, Res>[] = [];
    const rest: CoalescedAppend<Req, Res>[] = [];
    const keys = new Set<string>();
    for (const item of this.queue) {
      const key = this.keyOf(item.request);
      if (batch.length < this.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(item);
      } else {
        rest.push(item);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: CoalescedAppend<Req, Res>[]): Promise<void> {
    let results: Array<Res | Error>;
    try {
      results = await this.execute(batch.map((b) => b.request));
    } catch (error) {
      // The shared transaction failed as a whole (bad data in one append, a lost connection):
      // nothing of it was committed. Retry each alone so one bad append fails only itself.
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const one of batch) await this.run([one]);
      return;
    }
    batch.forEach((b, i) => {
      const r = results[i];
      if (r instanceof Error) b.reject(r);
      else b.resolve(r);
    });
  }
}
