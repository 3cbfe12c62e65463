import { decodeEvent, encodeEvent } from '@serang/contracts';
import type { RecordedEvent } from '@serang/eventstore';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { DeliveredEvent } from './delivered-event';

/**
 * The CloudEvents Kafka protocol binding, binary mode: the value is the event's protobuf payload,
 * the attributes travel as `ce_*` headers; `tenant` and `traceparent` as their own headers.
 */
export function toKafkaMessage(event: RecordedEvent, source: string): Message {
  const { bytes, schema } = encodeEvent(event.type, event.data);
  const m = event.metadata;
  const headers: IHeaders = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: event.type,
    ce_source: source,
    ce_time: m.occurredAt,
    ce_subject: event.streamId,
    ce_dataschema: schema,
    'content-type': 'application/protobuf',
    ce_streamrevision: event.revision.toString(),
    ce_position: event.position.toString(),
    ce_schemaversion: String(m.schemaVersion ?? 1),
    tenant: m.tenant,
  };
  if (m.traceparent) headers.traceparent = m.traceparent;
  if (m.correlationId) headers.ce_correlationid = m.correlationId;
  if (m.causationId) headers.ce_causationid = m.causationId;
  if (m.actor) {
    headers.ce_actorid = m.actor.id;
    headers.ce_actorrole = m.actor.role;
    if (m.actor.agency) headers.ce_actoragency = m.actor.agency;
  }
  return { key: event.streamId, value: Buffer.from(bytes), headers };
}

export class UndecodableMessageError extends Error {
  constructor(
    message: string,
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(message);
    this.name = 'UndecodableMessageError';
  }
}

/** Reads a relayed message back into the event the store holds (data decoded from protobuf). */
export function fromKafkaMessage(msg: KafkaMessage): DeliveredEvent {
  const h = (name: string): string | undefined => {
    const v = msg.headers?.[name];
    if (v === undefined || v === null) return undefined;
    return (Array.isArray(v) ? v[0] : v)?.toString();
  };
  const id = h('ce_id') ?? '';
  const streamId = h('ce_subject') ?? msg.key?.toString() ?? '';
  const type = h('ce_type');
  if (!id || !streamId || !type)
    throw new UndecodableMessageError('missing CloudEvents headers ce_id, ce_subject or ce_type', streamId || 'unknown-stream', id);
  let data: Record<string, unknown>;
  try {
    data = decodeEvent(type, msg.value ?? Buffer.alloc(0));
  } catch (e) {
    throw new UndecodableMessageError(`payload of ${type} does not decode: ${(e as Error).message}`, streamId, id);
  }
  const actorId = h('ce_actorid');
  return {
    id,
    type,
    streamId,
    revision: BigInt(h('ce_streamrevision') ?? '0'),
    position: h('ce_position') ? BigInt(h('ce_position')!) : undefined,
    data,
    metadata: {
      tenant: h('tenant') ?? '3604',
      occurredAt: h('ce_time') ?? '',
      schemaVersion: Number(h('ce_schemaversion') ?? 1),
      ...(h('traceparent') ? { traceparent: h('traceparent') } : {}),
      ...(h('ce_correlationid') ? { correlationId: h('ce_correlationid') } : {}),
      ...(h('ce_causationid') ? { causationId: h('ce_causationid') } : {}),
      ...(actorId ? { actor: { id: actorId, role: h('ce_actorrole') ?? '', ...(h('ce_actoragency') ? { agency: h('ce_actoragency') } : {}) } } : {}),
    },
  };
}

/**
 * `<namespace>.<context>.events`: one topic per bounded context. The namespace (KAFKA_NAMESPACE,
 * `serang` by default) lets several deployments (staging beside production, or test platforms)
 * share one Kafka cluster without reading each other's events.
 */
export function topicOf(context: string, namespace = 'serang'): string {
  if (!/^[a-z][a-z0-9-]*$/.test(context)) throw new Error(`invalid context name ${context}`);
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(namespace)) throw new Error(`invalid Kafka namespace ${namespace}`);
  return `${namespace}.${context}.events`;
}

export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
