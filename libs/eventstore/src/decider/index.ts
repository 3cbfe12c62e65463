export * from './decider';
export * from './new-events';
export * from './load';
export * from './command-handler';
