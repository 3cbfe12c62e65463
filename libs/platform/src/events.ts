import type { Actor, EventMetadata, NewEvent } from '@serang/eventstore';
import { v7 as uuidv7 } from 'uuid';

/** Who, when and within which trace: what every command handler stamps on its events. */
export interface CommandMeta {
  now: Date;
  tenant: string;
  actor?: Actor;
  traceparent?: string;
  correlationId?: string;
  causationId?: string;
}

/** Wraps decided domain events into store events (ids are UUIDv7, chosen here). */
export function toNewEvents<E extends { type: string; data: object }>(events: readonly E[], meta: CommandMeta): NewEvent[] {
  const metadata: EventMetadata = {
    tenant: meta.tenant,
    occurredAt: meta.now.toISOString(),
    schemaVersion: 1,
    ...(meta.actor ? { actor: meta.actor } : {}),
    ...(meta.traceparent ? { traceparent: meta.traceparent } : {}),
    ...(meta.correlationId ? { correlationId: meta.correlationId } : {}),
    ...(meta.causationId ? { causationId: meta.causationId } : {}),
  };
  return events.map((e) => ({ id: uuidv7(), type: e.type, data: e.data, metadata }));
}

/** The clock, injected so that tests set the time instead of waiting for it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const CLOCK = Symbol('CLOCK');
