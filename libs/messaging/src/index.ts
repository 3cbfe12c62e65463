export * from './delivered-event';
export * from './event-processor';
export * from './cloudevents';
export * from './relay';
export * from './kafka-consumer';
export * from './store-consumer';
export * from './topics';
export * from './nest-transport';
