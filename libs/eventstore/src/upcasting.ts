import type { RecordedEvent } from './event-store.port';

/**
 * Turns an event of `type` stored with `fromSchemaVersion` into the next shape. Upcasters chain:
 * v1 → v2 → v3, each step its own function with its own test; stored events never change.
 */
export interface Upcaster {
  type: string;
  fromSchemaVersion: number;
  upcast(data: unknown): unknown;
}

export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) {
      const key = `${u.type}@${u.fromSchemaVersion}`;
      if (this.byKey.has(key)) throw new Error(`two upcasters for ${key}`);
      this.byKey.set(key, u);
    }
  }

  apply<E extends RecordedEvent>(event: E): E {
    if (this.byKey.size === 0) return event;
    let current = event;
    for (;;) {
      const version = current.metadata.schemaVersion ?? 1;
      const u = this.byKey.get(`${current.type}@${version}`);
      if (!u) return current;
      current = { ...current, data: u.upcast(current.data), metadata: { ...current.metadata, schemaVersion: version + 1 } };
    }
  }
}
