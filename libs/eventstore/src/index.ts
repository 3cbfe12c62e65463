export * from './event-store.port';
export * from './errors';
export * from './stream-id';
export * from './upcasting';
export * from './checkpoint-store';
export { PostgresEventStore, type PostgresEventStoreOptions, type AppendObserver, type AppendOutcome } from './postgres/postgres-event-store';
export * from './decider';
