export * from './domain-error';
export * from './branded-id';
