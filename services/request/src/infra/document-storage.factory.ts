import type { DocumentStorage } from '../application/document-storage';
import { FileSystemDocumentStorage } from './filesystem-document.storage';
import { S3DocumentStorage } from './s3-document.storage';
import type { RequestConfig } from '../request.config';

/** The DocumentStorage adapter the configuration names (UPLOADS_STORAGE); the filesystem by default. */
export function documentStorageFor(config: RequestConfig): DocumentStorage {
  if (config.UPLOADS_STORAGE === 's3') {
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
