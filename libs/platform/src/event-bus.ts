import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PostgresEventStore } from '@serang/eventstore';
import { EventRelay, SerangEventsTransport, topicOf } from '@serang/messaging';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import type { PlatformConfig } from './config';
import { FlowMetrics } from './flow-metrics';
import { EVENT_STORE, LOGGER, PG_POOL, PLATFORM_CONFIG } from './tokens';

/** What a service publishes and what it listens to. */
export interface BusSpec {
  /** The service's bounded context: its topic is `serang.<context>.events`, its schema `<context>`. */
  context: string;
  /** Event categories this service writes (relayed to its topic in Kafka mode). */
  owns: readonly string[];
  /** Its own categories that feed its own read models: always read from the event store. */
  projects: readonly string[];
  /** Other contexts' categories it consumes: store subscription by default, their topics over Kafka. */
  consumes: ReadonlyArray<{ context: string; categories: readonly string[] }>;
}

export const BUS_SPEC = Symbol('BUS_SPEC');

/**
 * Both ways to run with the same service code: in the default mode consumers read the event
 * store's subscription; with EVENT_BUS=kafka the service relays its own categories to its topic
 * and consumes other contexts' topics.
 */
@Injectable()
export class EventBus implements OnApplicationBootstrap, OnModuleDestroy {
  private relay?: EventRelay;
  private kafka?: Kafka;
  private consumers?: SerangEventsTransport[];
  private flow?: FlowMetrics;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: PostgresEventStore,
    @Inject(BUS_SPEC) private readonly spec: BusSpec,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    if (config.EVENT_BUS === 'kafka') {
      this.kafka = new Kafka({
        clientId: spec.context,
        brokers: config.KAFKA_BROKERS!.split(',').map((b) => b.trim()),
        logLevel: logLevel.ERROR,
        logCreator: () => (entry) => this.log.warn({ kafka: entry.log }, `kafka: ${entry.log.message}`),
        retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 20 },
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.flow = FlowMetrics.register({
      context: this.spec.context,
      schema: this.spec.context,
      db: this.pool,
      store: this.store,
      kafka: this.kafka,
      consumers: () => this.consumers ?? [],
      relay:
        this.kafka && this.spec.owns.length > 0
          ? {
              context: this.spec.context,
              schema: this.spec.context,
              relayId: `relay:${topicOf(this.spec.context, this.config.KAFKA_NAMESPACE)}`,
              categories: this.spec.owns,
            }
          : undefined,
    });
    if (!this.kafka || this.spec.owns.length === 0) return;
    this.relay = new EventRelay({
      store: this.store,
      db: this.pool,
      schema: this.spec.context,
      kafka: this.kafka,
      context: this.spec.context,
      namespace: this.config.KAFKA_NAMESPACE,
      categories: this.spec.owns,
      partitions: this.config.KAFKA_PARTITIONS,
      onError: (message, details) => this.log.warn(details, message),
    });
    await this.relay.start();
  }

  /** The transports feeding the `@EventPattern` handlers: own projections, then other contexts. */
  transports(): SerangEventsTransport[] {
    const onError = (message: string, details: Record<string, unknown>) => this.log.warn(details, message);
    const base = { db: this.pool, schema: this.spec.context, onError };
    const out: SerangEventsTransport[] = [];
    if (this.spec.projects.length > 0) {
      out.push(
        new SerangEventsTransport({
          ...base,
          consumerId: `${this.spec.context}.self`,
          source: { kind: 'store', store: this.store, filter: { categories: this.spec.projects } },
        }),
      );
    }
    if (this.spec.consumes.length > 0) {
      const source = this.kafka
        ? {
            kind: 'kafka' as const,
            kafka: this.kafka,
            topics: this.spec.consumes.map((c) => topicOf(c.context, this.config.KAFKA_NAMESPACE)),
            partitions: this.config.KAFKA_PARTITIONS,
            sessionTimeoutMs: 10_000,
            groupId: `${this.config.KAFKA_NAMESPACE}.${this.spec.context}.inbound`,
          }
        : { kind: 'store' as const, store: this.store, filter: { categories: this.spec.consumes.flatMap((c) => c.categories) } };
      out.push(new SerangEventsTransport({ ...base, consumerId: `${this.spec.context}.inbound`, source }));
    }
    this.consumers = out;
    return out;
  }

  async ready(): Promise<void> {
    if (!this.kafka) return; // the store is the bus: checked with the database
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flow?.close();
    await this.relay?.stop();
  }
}
