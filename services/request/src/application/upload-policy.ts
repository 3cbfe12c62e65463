/** The configured limits of uploads (UPLOAD_MAX_BYTES, UPLOAD_MAX_CONCURRENT). */
export interface UploadPolicy {
  /** Largest document accepted, in bytes; each requirement of a service may ask for less. */
  maxBytes: number;
  /** Uploads one process receives at once: each may hold up to maxBytes in memory. */
  maxConcurrent: number;
}

export const UPLOAD_POLICY = Symbol('UPLOAD_POLICY');
