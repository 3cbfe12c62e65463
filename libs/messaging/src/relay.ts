import { CheckpointStore, type EventFilter, type EventStore, type RecordedEvent, type Subscription } from '@serang/eventstore';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { toKafkaMessage, topicOf } from './cloudevents';
import { retryUntilStopped } from './retry';
import { ensureTopic } from './topics';

export interface RelayOptions {
  store: EventStore;
  /** The relaying service's database: the relay's checkpoint lives there. */
  db: Pool;
  schema: string;
  kafka: Kafka;
  /** Bounded context: events go to `<namespace>.<context>.events`. */
  context: string;
  /** Topic namespace (default `serang`). */
  namespace?: string;
  /** Categories this service owns; only they are relayed. */
  categories: readonly string[];
  partitions?: number;
  batchSize?: number;
  onError?: (message: string, details: Record<string, unknown>) => void;
  /** Test seam: runs after the broker acknowledged a batch, before the checkpoint moves. */
  afterAck?: (events: readonly RecordedEvent[]) => void | Promise<void>;
}

/**
 * Store → Kafka. The event store is the outbox: the relay reads its categories from a checkpoint,
 * sends each batch with an idempotent producer (acks=all, one request in flight, so order holds
 * per partition and so per stream), and moves its checkpoint only after the broker acknowledged.
 * A crash in between re-sends; consumers absorb the duplicate by event id.
 */
export class EventRelay {
  readonly topic: string;
  private producer?: Producer;
  private sub?: Subscription;
  private running = false;
  private loop?: Promise<void>;
  private readonly checkpoints: CheckpointStore;
  private readonly relayId: string;

  constructor(private readonly opts: RelayOptions) {
    this.topic = topicOf(opts.context, opts.namespace);
    this.checkpoints = new CheckpointStore(opts.schema, 'relay_checkpoints');
    this.relayId = `relay:${this.topic}`;
  }

  async start(): Promise<void> {
    await this.checkpoints.ensureSchema(this.opts.db);
    await ensureTopic(this.opts.kafka, this.topic, this.opts.partitions ?? 3);
    this.producer = this.opts.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.running = true;
    this.loop = this.supervise();
  }

  /** Re-subscribes from the saved checkpoint after any failure (broker or database down). */
  private supervise(): Promise<void> {
    return retryUntilStopped(
      async (attempt) => {
        let last = await this.checkpoints.load(this.opts.db, this.relayId);
        const filter: EventFilter = { categories: this.opts.categories };
        this.sub = this.opts.store.subscribeAll({ after: last, filter, batchSize: this.opts.batchSize ?? 500 }, async (events) => {
          await this.producer!.send({ topic: this.topic, acks: -1, messages: events.map((e) => toKafkaMessage(e, `/serang/${this.opts.context}`)) });
          await this.opts.afterAck?.(events);
          const next = events[events.length - 1].position;
          await this.checkpoints.save(this.opts.db, this.relayId, last, next);
          last = next;
          attempt.progressed();
        });
        await this.sub.done; // ends without an error only when stopped, here or by the store closing
      },
      {
        isRunning: () => this.running,
        onFailure: (e, failures) =>
          this.opts.onError?.('relay failed, resuming from its checkpoint', { topic: this.topic, error: String(e), failures }),
      },
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.sub?.stop();
    await this.loop;
    await this.producer?.disconnect();
  }
}
