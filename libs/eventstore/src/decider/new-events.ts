import { v7 as uuidv7 } from 'uuid';
import type { EventMetadata, NewEvent } from '../event-store.port';
import type { CommandMetadata, DomainEvent } from './decider';

/** Wraps decided events into store events: UUIDv7 ids, the command's metadata, the tenant, each type's schema version. */
export function toNewEvents(
  events: readonly DomainEvent[],
  meta: Omit<CommandMetadata, 'actor'> & { actor?: CommandMetadata['actor']; tenant: string },
  schemaVersions: Readonly<Record<string, number | undefined>> = {},
): NewEvent[] {
  const base: Omit<EventMetadata, 'schemaVersion'> = {
    tenant: meta.tenant,
    occurredAt: meta.now.toISOString(),
    ...(meta.actor ? { actor: meta.actor } : {}),
    ...(meta.traceparent ? { traceparent: meta.traceparent } : {}),
    ...(meta.correlationId ? { correlationId: meta.correlationId } : {}),
    ...(meta.causationId ? { causationId: meta.causationId } : {}),
  };
  return events.map((e) => ({ id: uuidv7(), type: e.type, data: e.data, metadata: { ...base, schemaVersion: schemaVersions[e.type] ?? 1 } }));
}
