import type { RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.port';

/**
 * A catch-up subscription: reads batches after the last handled position until caught up, then
 * waits for a wake-up (LISTEN/NOTIFY) or the poll interval. Positions become visible in order
 * (see schema.ts), so `position > last` never skips a late commit.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (e: unknown) => void;
  private stopped = false;
  private wakeUp?: () => void;
  private pendingWake = false;

  constructor(
    private readonly read: (after: bigint, maxCount: number) => Promise<RecordedEvent[]>,
    private readonly handler: SubscriptionHandler,
    private after: bigint,
    private readonly batchSize: number,
    private readonly pollIntervalMs: number,
  ) {
    this.done = new Promise<void>((res, rej) => {
      this.resolveDone = res;
      this.rejectDone = rej;
    });
  }

  start(): void {
    void this.loop();
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.done.catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let readFailures = 0;
    while (!this.stopped) {
      let batch: RecordedEvent[];
      try {
        this.pendingWake = false;
        batch = await this.read(this.after, this.batchSize);
        readFailures = 0;
      } catch {
        // The database is unreachable (restarting): back off and read again from the same place.
        readFailures++;
        await this.sleep(Math.min(100 * 2 ** readFailures, 5000));
        continue;
      }
      if (this.stopped) break;
      if (batch.length === 0) {
        if (!this.pendingWake) await this.sleep(this.pollIntervalMs);
        continue;
      }
      try {
        await this.handler(batch);
      } catch (error) {
        this.stopped = true;
        this.rejectDone(error);
        return;
      }
      this.after = batch[batch.length - 1].position;
    }
    this.resolveDone();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
