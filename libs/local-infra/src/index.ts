export * from './embedded-postgres';
export * from './kafka-broker';
export * from './platform-launcher';
export * from './dev-secrets';
