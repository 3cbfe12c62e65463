import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { dlqTopicOf, fromKafkaMessage, UndecodableMessageError } from './cloudevents';
import type { DeliveredEvent } from './delivered-event';
import type { EventProcessor, ParkedEvent } from './event-processor';
import { ensureTopic } from './topics';

export interface KafkaConsumerOptions {
  kafka: Kafka;
  /** Consumer group: one per service and purpose (e.g. `notification.inbox`). */
  groupId: string;
  topics: readonly string[];
  db: Pool;
  processor: EventProcessor;
  partitions?: number;
  /** How long the group waits for a silent member before rebalancing (default 30 s, minimum 6 s). */
  sessionTimeoutMs?: number;
  onError?: (message: string, details: Record<string, unknown>) => void;
}

/**
 * Kafka → the consumer's read model. Each fetched batch (one partition) is applied in one
 * PostgreSQL transaction together with the processed event ids; parked events go to
 * `<topic>.dlq` before that transaction commits, and the offsets are committed only after it.
 * A crash anywhere replays from the last committed offset, and the ids make the replay a no-op.
 */
export class KafkaEventConsumer {
  private consumer?: Consumer;
  private dlq?: Producer;
  private stopped = false;

  constructor(private readonly opts: KafkaConsumerOptions) {}

  async start(): Promise<void> {
    await this.opts.processor.ensureSchema();
    for (const topic of this.opts.topics) {
      await ensureTopic(this.opts.kafka, topic, this.opts.partitions ?? 3);
      await ensureTopic(this.opts.kafka, dlqTopicOf(topic), this.opts.partitions ?? 3);
    }
    this.dlq = this.opts.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.dlq.connect();
    const sessionTimeout = this.opts.sessionTimeoutMs ?? 30_000;
    this.consumer = this.opts.kafka.consumer({
      groupId: this.opts.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 6)),
    });
    // kafkajs restarts itself after retriable failures; after any other crash, so do we.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.opts.onError?.('consumer crashed', { group: this.opts.groupId, error: String(payload.error), restarting: payload.restart });
      if (!payload.restart && !this.stopped) setTimeout(() => void this.restart(), 1000);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.opts.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        await this.handle(batch.topic, batch.messages);
        await heartbeat();
        const last = batch.messages[batch.messages.length - 1].offset;
        // Moves kafkajs's fetch position past the batch (without it, the next fetch starts over).
        resolveOffset(last);
        const next = (BigInt(last) + 1n).toString();
        await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
      },
    });
  }

  private async handle(topic: string, messages: KafkaMessage[]): Promise<void> {
    const events: DeliveredEvent[] = [];
    const undecodable: ParkedEvent[] = [];
    for (const m of messages) {
      try {
        events.push(fromKafkaMessage(m));
      } catch (e) {
        if (!(e instanceof UndecodableMessageError)) throw e;
        undecodable.push({ event: placeholder(e, m), reason: 'undecodable', error: e.message });
      }
    }
    const tx = await this.opts.db.connect();
    try {
      await tx.query('begin');
      const parked = await this.opts.processor.processBatch(tx, events, undecodable);
      if (parked.length > 0) await this.toDlq(topic, parked, messages);
      await tx.query('commit');
    } catch (e) {
      await tx.query('rollback').catch(() => undefined);
      this.opts.onError?.('batch failed; it will be fetched again', { topic, error: String(e) });
      throw e;
    } finally {
      tx.release();
    }
  }

  /** The parked events, as they arrived, with why: operators read the DLQ, redrive replays. */
  private async toDlq(topic: string, parked: ParkedEvent[], messages: KafkaMessage[]): Promise<void> {
    const byId = new Map(messages.map((m) => [m.headers?.ce_id?.toString() ?? '', m]));
    await this.dlq!.send({
      topic: dlqTopicOf(topic),
      acks: -1,
      messages: parked.map((p) => {
        const original = byId.get(p.event.id);
        return {
          key: p.event.streamId,
          value: original?.value ?? null,
          headers: {
            ...(original?.headers ?? {}),
            dlq_consumer: this.opts.groupId,
            dlq_reason: p.reason,
            dlq_error: p.error.slice(0, 1000),
          },
        };
      }),
    });
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlq?.disconnect().catch(() => undefined);
    await this.start().catch((e) => {
      this.opts.onError?.('consumer restart failed; trying again', { group: this.opts.groupId, error: String(e) });
      setTimeout(() => void this.restart(), 2000);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect();
    await this.dlq?.disconnect();
  }
}

function placeholder(e: UndecodableMessageError, m: KafkaMessage): DeliveredEvent {
  return {
    id: e.eventId || '00000000-0000-0000-0000-000000000000',
    type: m.headers?.ce_type?.toString() ?? 'unknown',
    streamId: e.streamId,
    revision: 0n,
    data: { base64: m.value?.toString('base64') ?? '' },
    metadata: { tenant: m.headers?.tenant?.toString() ?? '3604', occurredAt: m.headers?.ce_time?.toString() ?? '', schemaVersion: 1 },
  };
}
