import type { EventMetadata } from '@serang/eventstore';

/** An event as a consumer receives it, whichever transport brought it. */
export interface DeliveredEvent<Data = Record<string, unknown>> {
  id: string;
  type: string;
  streamId: string;
  revision: bigint;
  /** Global position in the event store, when known (store subscriptions, CloudEvents header). */
  position?: bigint;
  data: Data;
  metadata: EventMetadata;
}

export function eventToJson(e: DeliveredEvent): Record<string, unknown> {
  return { ...e, revision: e.revision.toString(), position: e.position?.toString() };
}

export function eventFromJson(j: Record<string, unknown>): DeliveredEvent {
  return {
    id: String(j.id),
    type: String(j.type),
    streamId: String(j.streamId),
    revision: BigInt(j.revision as string),
    position: j.position === undefined || j.position === null ? undefined : BigInt(j.position as string),
    data: j.data as Record<string, unknown>,
    metadata: j.metadata as EventMetadata,
  };
}
