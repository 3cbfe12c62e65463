import { CheckpointStore, type AppendObserver, type EventFilter, type PostgresEventStore } from '@serang/eventstore';
import type { SerangEventsTransport } from '@serang/messaging';
import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from './metrics';

// Event flow: what the store takes, how far the relay and each consumer are behind, what is parked.
// Labels are bounded: stream categories, contexts and consumer ids are fixed by the code.

const appends = new Counter({
  name: 'serang_eventstore_appends_total',
  help: 'Appends to the event store, by stream category and outcome (ok, conflict, error)',
  labelNames: ['category', 'outcome'] as const,
  registers: [registry],
});
const appendedEvents = new Counter({
  name: 'serang_eventstore_appended_events_total',
  help: 'Events appended to the event store, by stream category',
  labelNames: ['category'] as const,
  registers: [registry],
});
const appendDuration = new Histogram({
  name: 'serang_eventstore_append_duration_seconds',
  help: 'Append latency as the writer sees it (coalescing queue included), by stream category',
  labelNames: ['category'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

/** The event store's append observer: counts appends, events and latency. */
export const appendMetrics: AppendObserver = (o) => {
  appends.inc({ category: o.category, outcome: o.outcome });
  if (o.outcome === 'ok') appendedEvents.inc({ category: o.category }, o.events);
  appendDuration.observe({ category: o.category }, o.seconds);
};

/** What a service relays (Kafka mode): its checkpoint and the categories it owns. */
export interface RelaySource {
  context: string;
  schema: string;
  relayId: string;
  categories: readonly string[];
}

interface FlowSources {
  context: string;
  schema: string;
  db: Pool;
  store: PostgresEventStore;
  kafka?: Kafka;
  relay?: RelaySource;
  consumers: () => readonly SerangEventsTransport[];
}

interface Lag {
  events: number;
  seconds: number;
}
interface Snapshot {
  relay?: Lag & { context: string };
  consumers: Array<Lag & { consumer: string; mode: string; projection: boolean }>;
  parked: Array<{ consumer: string; streams: number; events: number }>;
}

/**
 * Relay lag, consumer lag (both run modes), projection lag and parked streams, read when
 * Prometheus scrapes (one snapshot shared by all the gauges of one scrape, kept for a second).
 */
export class FlowMetrics {
  private static current?: FlowMetrics;
  private snapshot?: { at: number; value: Promise<Snapshot> };
  private admin?: Promise<Admin>;

  private constructor(private readonly sources: FlowSources) {}

  /** One per process: the service's event bus registers itself when it starts. */
  static register(sources: FlowSources): FlowMetrics {
    FlowMetrics.current = new FlowMetrics(sources);
    return FlowMetrics.current;
  }

  static async read(): Promise<Snapshot | undefined> {
    return FlowMetrics.current?.read();
  }

  async close(): Promise<void> {
    if (FlowMetrics.current === this) FlowMetrics.current = undefined;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  read(): Promise<Snapshot> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > 1000) {
      const value = this.take();
      this.snapshot = { at: now, value };
      value.catch(() => (this.snapshot = undefined));
    }
    return this.snapshot.value;
  }

  private async take(): Promise<Snapshot> {
    const s = this.sources;
    const out: Snapshot = { consumers: [], parked: [] };
    if (s.relay) {
      const after = await new CheckpointStore(s.relay.schema, 'relay_checkpoints').load(s.db, s.relay.relayId);
      out.relay = { context: s.relay.context, ...(await this.storeLag(after, { categories: s.relay.categories })) };
    }
    for (const t of s.consumers()) {
      const src = t.source;
      const projection = t.consumerId.endsWith('.self');
      if (src.kind === 'store') {
        const after = await new CheckpointStore(s.schema, 'consumer_checkpoints').load(s.db, t.consumerId).catch(() => 0n);
        out.consumers.push({ consumer: t.consumerId, mode: 'store', projection, ...(await this.storeLag(after, src.filter)) });
      } else {
        const events = await this.kafkaLag(src.groupId ?? t.consumerId, src.topics);
        // Kafka mode: the oldest waiting event was written after the newest one applied, so this is an upper bound.
        const p = t.progress();
        const since = p?.newestOccurredAt ?? p?.startedAt;
        out.consumers.push({
          consumer: t.consumerId,
          mode: 'kafka',
          projection,
          events,
          seconds: events > 0 && since ? Math.max(0, (Date.now() - since.getTime()) / 1000) : 0,
        });
      }
    }
    const { rows } = await s.db
      .query<{ consumer_id: string; streams: number; events: number }>(
        `select p.consumer_id, count(distinct p.stream_id)::int as streams, count(e.seq)::int as events
           from "${s.schema}".parked_streams p
           left join "${s.schema}".parked_events e on e.consumer_id = p.consumer_id and e.stream_id = p.stream_id
          group by p.consumer_id`,
      )
      .catch(() => ({ rows: [] as Array<{ consumer_id: string; streams: number; events: number }> }));
    const parked = new Map(rows.map((r) => [r.consumer_id, r]));
    for (const t of s.consumers())
      out.parked.push({ consumer: t.consumerId, streams: parked.get(t.consumerId)?.streams ?? 0, events: parked.get(t.consumerId)?.events ?? 0 });
    return out;
  }

  private async storeLag(after: bigint, filter: EventFilter): Promise<Lag> {
    const b = await this.sources.store.backlog(after, filter);
    return { events: b.events, seconds: b.oldestRecordedAt ? Math.max(0, (Date.now() - b.oldestRecordedAt.getTime()) / 1000) : 0 };
  }

  /** Sum over the partitions of the topics of (end offset − the group's committed offset). */
  private async kafkaLag(groupId: string, topics: readonly string[]): Promise<number> {
    const kafka = this.sources.kafka!;
    this.admin ??= (async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    })();
    const admin = await this.admin.catch((e: unknown) => {
      this.admin = undefined;
      throw e;
    });
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    let lag = 0;
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = Number(mine.find((p) => p.partition === end.partition)?.offset ?? '-1');
        lag += Math.max(0, Number(end.high) - (at < 0 ? Number(end.low) : at));
      }
    }
    return lag;
  }
}

function gauge(name: string, help: string, labelNames: readonly string[], fill: (g: Gauge, s: Snapshot) => void): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      // The database or the broker down: these gauges go missing, the rest of /metrics is served.
      const s = await FlowMetrics.read().catch(() => undefined);
      if (s) fill(this, s);
    },
  });
}

gauge(
  'serang_relay_lag_events',
  "Events of the service's own categories written to the store and not yet acknowledged by Kafka (Kafka mode)",
  ['context'],
  (g, s) => {
    if (s.relay) g.set({ context: s.relay.context }, s.relay.events);
  },
);
gauge('serang_relay_lag_seconds', 'Age of the oldest event the relay has still to send (0 when it is caught up)', ['context'], (g, s) => {
  if (s.relay) g.set({ context: s.relay.context }, s.relay.seconds);
});
gauge(
  'serang_consumer_lag_events',
  'Events a consumer (group) has still to apply: store subscription behind the head, or Kafka end offsets minus committed ones',
  ['consumer', 'mode'],
  (g, s) => {
    for (const c of s.consumers) g.set({ consumer: c.consumer, mode: c.mode }, c.events);
  },
);
gauge(
  'serang_consumer_lag_seconds',
  'How long the oldest event a consumer has still to apply has waited (Kafka mode: an upper bound); 0 when caught up',
  ['consumer', 'mode'],
  (g, s) => {
    for (const c of s.consumers) g.set({ consumer: c.consumer, mode: c.mode }, c.seconds);
  },
);
gauge(
  'serang_projection_lag_seconds',
  "How far a service's own read models are behind its own events (its `.self` consumer)",
  ['consumer'],
  (g, s) => {
    for (const c of s.consumers) if (c.projection) g.set({ consumer: c.consumer }, c.seconds);
  },
);
gauge('serang_parked_streams', 'Streams a consumer has parked (an event kept failing): they wait for a redrive', ['consumer'], (g, s) => {
  for (const p of s.parked) g.set({ consumer: p.consumer }, p.streams);
});
gauge('serang_parked_events', 'Events held by parked streams: the dead-letter depth (in Kafka mode also on <topic>.dlq)', ['consumer'], (g, s) => {
  for (const p of s.parked) g.set({ consumer: p.consumer }, p.events);
});

/**
 * Notification deliveries by channel and status: counted by the notification service each time an
 * attempt settles or a provider's receipt arrives. Channel and status come from fixed sets.
 */
export const notificationDeliveries = new Counter({
  name: 'serang_notification_deliveries_total',
  help: 'Notification deliveries settled, by channel (email, sms, whatsapp) and GOV.UK Notify status (sending, delivered, temporary-failure, permanent-failure, technical-failure)',
  labelNames: ['channel', 'status'] as const,
  registers: [registry],
});
