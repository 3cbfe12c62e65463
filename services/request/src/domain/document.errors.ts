import { RequestError } from './request.errors';

/**
 * Why an uploaded document is refused or cannot be read, each with a stable reason and SPEC.md's
 * code; http/error-answer.ts gives the upload endpoints' HTTP status.
 */

/** The request is not multipart/form-data (with a boundary). */
export class UploadNotMultipart extends RequestError {
  readonly reason = 'UPLOAD.NOT_MULTIPART';
  readonly code = 'BAD_USER_INPUT';
  constructor() {
    super('upload is not multipart/form-data');
  }
}

/** The multipart body is broken or ended early. */
export class UploadMalformed extends RequestError {
  readonly reason = 'UPLOAD.MALFORMED';
  readonly code = 'BAD_USER_INPUT';
  constructor(detail: string) {
    super(`malformed upload: ${detail}`);
  }
}

export class UploadNoFile extends RequestError {
  readonly reason = 'UPLOAD.NO_FILE';
  readonly code = 'BAD_USER_INPUT';
  constructor() {
    super('upload holds no file part');
  }
}

/** One document per upload: each gets its own id. */
export class UploadTooManyFiles extends RequestError {
  readonly reason = 'UPLOAD.TOO_MANY_FILES';
  readonly code = 'BAD_USER_INPUT';
  constructor() {
    super('upload holds more than one file part');
  }
}

export class UploadEmpty extends RequestError {
  readonly reason = 'UPLOAD.EMPTY';
  readonly code = 'BAD_USER_INPUT';
  constructor() {
    super('uploaded file is empty');
  }
}

export class UploadTooLarge extends RequestError {
  readonly reason = 'UPLOAD.TOO_LARGE';
  readonly code = 'BAD_USER_INPUT';
  override readonly params: { limit: string };
  constructor(readonly maxBytes: number) {
    super(`upload exceeds ${maxBytes} bytes`);
    this.params = { limit: formatBytes(maxBytes) };
  }
}

/** The content is none of the allowed types, whatever its name or declared type says. */
export class UploadTypeNotAllowed extends RequestError {
  readonly reason = 'UPLOAD.TYPE_NOT_ALLOWED';
  readonly code = 'BAD_USER_INPUT';
  constructor() {
    super('uploaded content is not PDF, JPEG or PNG');
  }
}

/** This process is already receiving as many uploads as it may hold in memory. */
export class UploadsBusy extends RequestError {
  readonly reason = 'UPLOAD.BUSY';
  readonly code = 'TOO_MANY_REQUESTS';
  constructor() {
    super('too many uploads in progress');
  }
}

/** The uploader's personal data was erased: nothing can be stored for them any more. */
export class UploaderErased extends RequestError {
  readonly reason = 'UPLOAD.ACCOUNT_ERASED';
  readonly code = 'FORBIDDEN';
  constructor() {
    super('uploader was erased');
  }
}

/** No such document — or not the caller's, which must look exactly the same. */
export class DocumentNotFound extends RequestError {
  readonly reason = 'DOCUMENT.NOT_FOUND';
  readonly code = 'NOT_FOUND';
  constructor() {
    super('document not found');
  }
}

/** The owner was erased (crypto-shredding): the document exists only as unreadable bytes. */
export class DocumentErased extends RequestError {
  readonly reason = 'DOCUMENT.ERASED';
  readonly code = 'NOT_FOUND';
  constructor() {
    super('document was erased with its owner');
  }
}

/** `10485760` → `10 MB`, `524288` → `512 KB`: a limit as people read it (binary units, as file managers show). */
export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (Number.isInteger(mib)) return `${mib} MB`;
  return `${Math.floor(bytes / 1024)} KB`;
}
