export * from './embedded-postgres';
export * from './kafka-broker';
