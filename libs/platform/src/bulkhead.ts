import { ServiceBusy } from './errors';

export interface BulkheadOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting at most; one more is refused at once. */
  maxQueue: number;
  /** A waiting task is refused after this long. */
  maxWaitMs: number;
  /** The reason a refused caller is given (TOO_MANY_REQUESTS). */
  reason: 'SERVICE.BUSY' | 'AUTH.BUSY';
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Bounds an expensive kind of work (argon2 hashing: ~20 MiB and tens of milliseconds of a core
 * each): a few run, a bounded number wait briefly, the rest are refused with ServiceBusy at once,
 * so a flood of one kind of request queues instead of starving every other request of the process.
 */
export class Bulkhead {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Refused since start (for metrics). */
  refused = 0;

  constructor(private readonly opts: BulkheadOptions) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await task();
    } finally {
      this.leave();
    }
  }

  private enter(): Promise<void> {
    if (this.running < this.opts.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.opts.maxQueue) return Promise.reject(this.busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(this.busy());
        }, this.opts.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private leave(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter: `running` stays as it is.
    if (next) next.start();
    else this.running--;
  }

  private busy(): ServiceBusy {
    this.refused++;
    return new ServiceBusy(this.opts.reason, Math.max(1, Math.ceil(this.opts.maxWaitMs / 1000)));
  }
}
