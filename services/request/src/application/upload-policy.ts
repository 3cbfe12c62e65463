/** The configured limits of uploads (UPLOAD_MAX_BYTES, UPLOAD_MAX_CONCURRENT, BODY_IDLE_TIMEOUT_SECONDS). */
export interface UploadPolicy {
  /** Largest document accepted, in bytes; each requirement of a service may ask for less. */
  maxBytes: number;
  /** Uploads one process receives at once: each may hold up to maxBytes in memory. */
  maxConcurrent: number;
  /** A body that sends nothing for this long is cut off. */
  idleTimeoutMs: number;
}

export const UPLOAD_POLICY = Symbol('UPLOAD_POLICY');
