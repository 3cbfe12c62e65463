import { z } from 'zod';

/**
 * Where request keeps uploaded documents: `filesystem` (UPLOADS_DIR, the embedded default) or `s3`,
 * an S3-compatible object store shared by every replica (a cluster, a read-only root filesystem).
 * Credentials are not variables of ours: the AWS SDK's default chain reads AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY (a Kubernetes Secret by reference) or a workload identity.
 */
export const documentStorageConfigFields = {
  UPLOADS_STORAGE: z.enum(['filesystem', 's3']).default('filesystem'),
  /** The bucket (must exist: start-up checks it, a missing one stops the service). */
  UPLOADS_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  /** Key prefix inside the bucket, e.g. `serang/documents/`, so one bucket can hold several deployments. */
  UPLOADS_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or folders ending with /')
    .default(''),
  UPLOADS_S3_REGION: z.string().min(1).default('us-east-1'),
  /** An S3-compatible server (MinIO, Ceph RGW, a cloud's own) instead of AWS's endpoint for the region. */
  UPLOADS_S3_ENDPOINT: z.url().optional(),
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  UPLOADS_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
};

type Fields = { [K in keyof typeof documentStorageConfigFields]: z.infer<(typeof documentStorageConfigFields)[K]> };

/** Cross-variable rule: the s3 storage needs a bucket. Returns the problem, or undefined. */
export function documentStorageProblem(c: { UPLOADS_STORAGE: Fields['UPLOADS_STORAGE']; UPLOADS_S3_BUCKET?: string }): string | undefined {
  return c.UPLOADS_STORAGE === 's3' && !c.UPLOADS_S3_BUCKET ? 'required when UPLOADS_STORAGE=s3' : undefined;
}
