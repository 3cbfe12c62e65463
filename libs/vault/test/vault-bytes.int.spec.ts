import { createPool } from '@serang/db';
import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { CiphertextInvalidError, parseMasterKeys, PersonDataErasedError, Vault } from '../src';

/** Binary values (uploaded documents) and keyed digests: the same per-person keys as text fields. */
describe('Vault, binary values and keyed digests', () => {
  let db: TestDatabase;
  let pool: Pool;
  const ring = parseMasterKeys(`m1:${randomBytes(32).toString('base64')}`);
  let vault: Vault;
  const marker = Buffer.from('KTP Siti Aminah 3604014508900001', 'utf8');
  const document = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048), marker, randomBytes(2048)]);

  beforeAll(async () => {
    db = await createTestDatabase('vault_bytes');
    pool = createPool({ connectionString: db.url, max: 4, name: 'test' });
    vault = new Vault(pool, { schema: 'request', masterKeys: ring });
    await vault.ensureSchema();
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('encrypts bytes so that the sealed value holds no plaintext, with a fresh IV each time', async () => {
    const a = await vault.encryptBytes('person-a', 'document:1', document);
    const b = await vault.encryptBytes('person-a', 'document:1', document);
    expect(a.subarray(0, 9).toString('ascii')).toBe('vault:v1:');
    expect(a.length).toBe(9 + 12 + document.length + 16);
    expect(a.includes(marker)).toBe(false);
    expect(a.includes(Buffer.from('%PDF'))).toBe(false);
    expect(a.equals(b)).toBe(false);
    expect((await vault.decryptBytes('person-a', 'document:1', a)).equals(document)).toBe(true);
    // A view into a larger buffer encrypts what it shows, nothing around it.
    const framed = Buffer.concat([Buffer.from('xx'), document, Buffer.from('yy')]);
    const view = await vault.encryptBytes('person-a', 'document:2', framed.subarray(2, 2 + document.length));
    expect((await vault.decryptBytes('person-a', 'document:2', view)).equals(document)).toBe(true);
  });

  it('binds sealed bytes to their person and field; tampering, truncation and foreign values fail', async () => {
    const sealed = await vault.encryptBytes('person-b', 'document:7', document);
    await vault.encryptBytes('person-c', 'document:7', Buffer.from('x'));
    await expect(vault.decryptBytes('person-c', 'document:7', sealed)).rejects.toBeInstanceOf(CiphertextInvalidError);
    await expect(vault.decryptBytes('person-b', 'document:8', sealed)).rejects.toBeInstanceOf(CiphertextInvalidError);
    const flipped = Buffer.from(sealed);
    flipped[100] ^= 0x01;
    await expect(vault.decryptBytes('person-b', 'document:7', flipped)).rejects.toBeInstanceOf(CiphertextInvalidError);
    await expect(vault.decryptBytes('person-b', 'document:7', sealed.subarray(0, sealed.length - 1))).rejects.toBeInstanceOf(CiphertextInvalidError);
    await expect(vault.decryptBytes('person-b', 'document:7', document)).rejects.toBeInstanceOf(CiphertextInvalidError);
    // The text form of a ciphertext is not the binary form.
    const text = await vault.encrypt('person-b', 'document:7', 'hello');
    await expect(vault.decryptBytes('person-b', 'document:7', Buffer.from(text))).rejects.toBeInstanceOf(CiphertextInvalidError);
  });

  it('gives a keyed digest that recognises the same bytes for one person only, unlike a plain hash', async () => {
    const d1 = await vault.keyedDigest('person-d', 'document', document);
    expect(d1).toMatch(/^[0-9a-f]{64}$/);
    expect(await vault.keyedDigest('person-d', 'document', Buffer.from(document))).toBe(d1);
    expect(await vault.keyedDigest('person-d', 'document', Buffer.concat([document, Buffer.from(' ')]))).not.toBe(d1);
    expect(await vault.keyedDigest('person-e', 'document', document)).not.toBe(d1);
    expect(await vault.keyedDigest('person-d', 'other-purpose', document)).not.toBe(d1);
    expect(d1).not.toBe(createHash('sha256').update(document).digest('hex'));
    const elsewhere = new Vault(pool, { schema: 'request', masterKeys: ring, cacheTtlMs: 0 });
    expect(await elsewhere.keyedDigest('person-d', 'document', document)).toBe(d1);
  });

  it('after erasure, sealed bytes cannot be opened and nothing new can be sealed or digested', async () => {
    const sealed = await vault.encryptBytes('person-f', 'document:9', document);
    await vault.keyedDigest('person-f', 'document', document);
    await vault.destroy('person-f');
    const fresh = new Vault(pool, { schema: 'request', masterKeys: ring, cacheTtlMs: 0 });
    await expect(vault.decryptBytes('person-f', 'document:9', sealed)).rejects.toBeInstanceOf(PersonDataErasedError);
    await expect(fresh.decryptBytes('person-f', 'document:9', sealed)).rejects.toBeInstanceOf(PersonDataErasedError);
    await expect(vault.encryptBytes('person-f', 'document:10', document)).rejects.toBeInstanceOf(PersonDataErasedError);
    await expect(vault.keyedDigest('person-f', 'document', document)).rejects.toBeInstanceOf(PersonDataErasedError);
  });
});
