import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { validate as isUuid } from 'uuid';
import type { DocumentStorage } from '../application/document-storage';

export interface S3DocumentStorageOptions {
  bucket: string;
  /** Key prefix (`''` or folders ending with `/`). */
  prefix: string;
  region: string;
  /** An S3-compatible server's URL; unset for AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
}

/**
 * Documents as objects of one bucket of an S3-compatible store, each under its document id: the
 * shared storage several request replicas (and a read-only root filesystem) need. A `put` is one
 * PUT of the whole object, which S3 makes visible all at once or not at all; a `get` of a missing
 * object answers null; a `delete` of a missing one succeeds (S3 answers 204 either way).
 * The bytes are already sealed by the vault (AES-256-GCM, checked on every read), so the store
 * never sees a document in clear and needs no encryption of its own to keep it private.
 */
export class S3DocumentStorage implements DocumentStorage {
  private readonly client: S3Client;

  constructor(private readonly opts: S3DocumentStorageOptions) {
    this.client = new S3Client({
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      forcePathStyle: opts.forcePathStyle,
      // Checksums only where S3 requires them: several S3-compatible servers reject the SDK's
      // newer default trailers, and the vault's GCM tag already detects any altered byte.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  /** The bucket exists and these credentials reach it; otherwise start-up stops with the reason. */
  async ready(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.opts.bucket }));
    } catch (e) {
      const status = e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined;
      const why =
        status === 404
          ? 'does not exist'
          : status === 403
            ? 'is not accessible with these credentials'
            : `cannot be reached (${(e as Error).message})`;
      throw new Error(`UPLOADS_S3_BUCKET: bucket "${this.opts.bucket}" ${why}`);
    }
  }

  async put(id: string, sealed: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.opts.bucket,
        Key: this.keyOf(id),
        Body: sealed,
        ContentLength: sealed.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(id: string): Promise<Buffer | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(id) }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch (e) {
      if (e instanceof NoSuchKey || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404)) return null;
      throw e;
    }
  }

  async delete(id: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(id) }));
  }

  /** Only ever a document id under the prefix: never a key a client could steer. */
  private keyOf(id: string): string {
    if (!isUuid(id)) throw new Error(`not a document id: ${id}`);
    return `${this.opts.prefix}${id}`;
  }
}
