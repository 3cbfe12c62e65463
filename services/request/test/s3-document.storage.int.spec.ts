import { randomBytes, randomUUID } from 'node:crypto';
import { startS3Server, testPort, type RunningS3 } from '@serang/testing';
import { S3DocumentStorage, type S3DocumentStorageOptions } from '../src/infra/s3-document.storage';

/** The object-store adapter of DocumentStorage against a real S3 HTTP API (moto's server on 127.0.0.1). */
describe('S3DocumentStorage (S3-compatible object store)', () => {
  let s3: RunningS3;
  const saved = { ...process.env };
  const options = (bucket: string, prefix = ''): S3DocumentStorageOptions => ({
    bucket,
    prefix,
    region: 'us-east-1',
    endpoint: s3.url,
    forcePathStyle: true,
  });

  beforeAll(async () => {
    s3 = await startS3Server(testPort(4991));
    Object.assign(process.env, s3.env);
    await s3.createBucket('serang-docs');
  }, 15 * 60_000);
  afterAll(async () => {
    process.env = saved;
    await s3?.stop();
  });

  it('stores, reads back and deletes a document under its id, under the prefix', async () => {
    const storage = new S3DocumentStorage(options('serang-docs', 'tenant-3604/documents/'));
    await storage.ready();
    const id = randomUUID();
    const sealed = randomBytes(300_000);
    await storage.put(id, sealed);
    expect((await storage.get(id))!.equals(sealed)).toBe(true);
    // The prefix is part of the key: another prefix in the same bucket does not see it.
    expect(await new S3DocumentStorage(options('serang-docs', 'other/')).get(id)).toBeNull();
    await storage.delete(id);
    expect(await storage.get(id)).toBeNull();
  });

  it('answers null for a document never stored, and deleting one is not an error', async () => {
    const storage = new S3DocumentStorage(options('serang-docs'));
    expect(await storage.get(randomUUID())).toBeNull();
    await expect(storage.delete(randomUUID())).resolves.toBeUndefined();
  });

  it('replaces a document whole when it is put again (a retried upload)', async () => {
    const storage = new S3DocumentStorage(options('serang-docs'));
    const id = randomUUID();
    await storage.put(id, Buffer.from('first'));
    await storage.put(id, Buffer.from('second, longer'));
    expect((await storage.get(id))!.toString()).toBe('second, longer');
  });

  it('refuses keys that are not document ids', async () => {
    const storage = new S3DocumentStorage(options('serang-docs'));
    await expect(storage.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow('not a document id');
    await expect(storage.get('a/b')).rejects.toThrow('not a document id');
  });

  it('stops start-up with the reason when the bucket does not exist', async () => {
    await expect(new S3DocumentStorage(options('no-such-bucket')).ready()).rejects.toThrow(
      'UPLOADS_S3_BUCKET: bucket "no-such-bucket" does not exist',
    );
  });
});
