import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EventFilter, EventStore } from '@serang/eventstore';
import type { Kafka } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { lastValueFrom } from 'rxjs';
import type { DeliveredEvent } from './delivered-event';
import { EventProcessor, type EventHandler, type HandlerContext, type RedriveResult, type RetryPolicy } from './event-processor';
import { KafkaEventConsumer } from './kafka-consumer';
import { StoreSubscriptionConsumer } from './store-consumer';

const tracer = trace.getTracer('serang-messaging');

/** Where the events come from: the event store's subscription (default mode) or Kafka topics. */
export type EventSource =
  | { kind: 'store'; store: EventStore; filter: EventFilter; batchSize?: number }
  | {
      kind: 'kafka';
      kafka: Kafka;
      topics: readonly string[];
      partitions?: number;
      sessionTimeoutMs?: number;
      /** Default: the consumer id. */ groupId?: string;
    };

export interface SerangEventsTransportOptions {
  /** Consumer id, and the Kafka consumer group: one per service and purpose. */
  consumerId: string;
  db: Pool;
  /** The service's own schema: processed ids, parked streams, checkpoints. */
  schema: string;
  source: EventSource;
  retry?: Partial<RetryPolicy>;
  onError?: (message: string, details: Record<string, unknown>) => void;
}

/** What an `@EventPattern` handler gets with `@Ctx()`: the event and the consumer's transaction. */
export class EventContext extends BaseRpcContext<[DeliveredEvent, HandlerContext]> {
  get event(): DeliveredEvent {
    return this.args[0];
  }
  /** Write the handler's effects here: they commit together with the event's id (exactly once). */
  get tx(): PoolClient {
    return this.args[1].tx;
  }
  get attempt(): number {
    return this.args[1].attempt;
  }
}

/**
 * A custom transport strategy of @nestjs/microservices: handlers are ordinary
 * `@EventPattern('ApplicationSubmitted')` methods, while this library owns delivery (ordering,
 * exactly-once effects, retries, parking and redrive), over Kafka or the store's subscription.
 */
export class SerangEventsTransport extends Server implements CustomTransportStrategy {
  private processor?: EventProcessor;
  private consumer?: KafkaEventConsumer | StoreSubscriptionConsumer;

  constructor(private readonly options: SerangEventsTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const o = this.options;
      this.processor = new EventProcessor({
        db: o.db,
        schema: o.schema,
        consumerId: o.consumerId,
        handlerFor: (type) => this.handlerFor(type),
        retry: o.retry,
        onError: o.onError,
      });
      this.consumer =
        o.source.kind === 'kafka'
          ? new KafkaEventConsumer({
              kafka: o.source.kafka,
              groupId: o.source.groupId ?? o.consumerId,
              topics: o.source.topics,
              db: o.db,
              processor: this.processor,
              partitions: o.source.partitions,
              sessionTimeoutMs: o.source.sessionTimeoutMs,
              onError: o.onError,
            })
          : new StoreSubscriptionConsumer({
              store: o.source.store,
              db: o.db,
              schema: o.schema,
              processor: this.processor,
              filter: o.source.filter,
              batchSize: o.source.batchSize,
              onError: o.onError,
            });
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private handlerFor(type: string): EventHandler | undefined {
    const handler = this.getHandlerByPattern(type);
    if (!handler) return undefined;
    return async (event, ctx) => {
      // The handler continues the trace the event carries (from the request that caused it).
      const carrier = event.metadata.traceparent ? { traceparent: event.metadata.traceparent } : {};
      const parent = propagation.extract(context.active(), carrier);
      await context.with(parent, () =>
        tracer.startActiveSpan(
          `consume ${event.type}`,
          { attributes: { 'messaging.message.id': event.id, 'serang.stream_id': event.streamId } },
          async (span) => {
            try {
              const result = await handler(event, new EventContext([event, ctx]));
              await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
            } catch (e) {
              span.setStatus({ code: SpanStatusCode.ERROR, message: String(e) });
              throw e;
            } finally {
              span.end();
            }
          },
        ),
      );
    };
  }

  /** Replays a parked stream once its cause is fixed (the redrive command). */
  redrive(streamId: string): Promise<RedriveResult> {
    if (!this.processor) throw new Error('transport is not listening');
    return this.processor.redrive(streamId);
  }

  /** The processor's progress (for lag metrics); undefined before it listens. */
  progress(): EventProcessor['progress'] | undefined {
    return this.processor?.progress;
  }

  get consumerId(): string {
    return this.options.consumerId;
  }

  get source(): EventSource {
    return this.options.source;
  }

  parkedStreams(): ReturnType<EventProcessor['parkedStreams']> {
    if (!this.processor) throw new Error('transport is not listening');
    return this.processor.parkedStreams();
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('SerangEventsTransport has no server events to listen to');
  }

  unwrap<T>(): T {
    return this.processor as T;
  }
}
