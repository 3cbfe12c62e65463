import { CheckpointStore, type EventFilter, type EventStore, type Subscription } from '@serang/eventstore';
import type { Pool } from 'pg';
import type { EventProcessor } from './event-processor';
import { retryUntilStopped } from './retry';

export interface StoreConsumerOptions {
  store: EventStore;
  db: Pool;
  schema: string;
  processor: EventProcessor;
  filter: EventFilter;
  batchSize?: number;
  onError?: (message: string, details: Record<string, unknown>) => void;
}

/**
 * The default mode (no broker): the same consumer fed by the event store's subscription. Each
 * batch is applied in one transaction with the checkpoint (compare-and-set) and the processed ids.
 */
export class StoreSubscriptionConsumer {
  private sub?: Subscription;
  private running = false;
  private loop?: Promise<void>;
  private readonly checkpoints: CheckpointStore;

  constructor(private readonly opts: StoreConsumerOptions) {
    this.checkpoints = new CheckpointStore(opts.schema, 'consumer_checkpoints');
  }

  async start(): Promise<void> {
    await this.opts.processor.ensureSchema();
    await this.checkpoints.ensureSchema(this.opts.db);
    this.running = true;
    this.loop = this.supervise();
  }

  private supervise(): Promise<void> {
    const id = this.opts.processor.consumerId;
    return retryUntilStopped(
      async (attempt) => {
        let last = await this.checkpoints.load(this.opts.db, id);
        this.sub = this.opts.store.subscribeAll({ after: last, filter: this.opts.filter, batchSize: this.opts.batchSize ?? 200 }, async (events) => {
          const next = events[events.length - 1].position;
          const tx = await this.opts.db.connect();
          try {
            await tx.query('begin');
            await this.opts.processor.processBatch(
              tx,
              events.map((e) => ({ ...e, data: e.data as Record<string, unknown> })),
            );
            await this.checkpoints.save(tx, id, last, next);
            await tx.query('commit');
          } catch (e) {
            await tx.query('rollback').catch(() => undefined);
            throw e;
          } finally {
            tx.release();
          }
          last = next;
          attempt.progressed();
        });
        await this.sub.done; // ends without an error only when stopped, here or by the store closing
      },
      {
        isRunning: () => this.running,
        onFailure: (e, failures) =>
          this.opts.onError?.('store consumer failed, resuming from its checkpoint', { consumer: id, error: String(e), failures }),
      },
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.sub?.stop();
    await this.loop;
  }
}
