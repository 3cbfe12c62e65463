export * from './db.errors';
export * from './guarded-pool';
export * from './transactions';
