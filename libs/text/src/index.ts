export * from './text-rules';
