import type { DocumentStorage } from '../application/document-storage';
import type { RequestConfig } from '../request.config';
import { FileSystemDocumentStorage } from './filesystem-document.storage';

/** The DocumentStorage adapter the configuration names (UPLOADS_STORAGE); the filesystem by default. */
export function documentStorageFor(config: RequestConfig): DocumentStorage {
  if (config.UPLOADS_STORAGE === 's3') {
    // Loaded only when chosen: the AWS SDK is large, and it warns at load time on Node 20.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const { S3DocumentStorage } = require('./s3-document.storage') as typeof import('./s3-document.storage');
    return new S3DocumentStorage({
      bucket: config.UPLOADS_S3_BUCKET!,
      prefix: config.UPLOADS_S3_PREFIX,
      region: config.UPLOADS_S3_REGION,
      endpoint: config.UPLOADS_S3_ENDPOINT,
      forcePathStyle: config.UPLOADS_S3_FORCE_PATH_STYLE === 'true',
    });
  }
  return new FileSystemDocumentStorage(config.UPLOADS_DIR);
}
