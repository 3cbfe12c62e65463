export * from './test-env';
export * from './test-database';
export * from './describe-when';
export * from './service-process';
export * from './test-issuer';
export * from './smtp-recorder';
export * from './upload-fixtures';
export * from './s3-server';
