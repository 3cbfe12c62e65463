export * from './embedded-postgres';
export * from './kafka-broker';
export * from './child-processes';
export * from './restart-policy';
export * from './supervision-events';
export * from './platform-launcher';
export * from './dev-secrets';
export * from './prometheus';
