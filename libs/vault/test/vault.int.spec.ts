import { createPool } from '@serang/db';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { CiphertextInvalidError, InvalidMasterKeyError, parseMasterKeys, PersonDataErasedError, Vault } from '../src';

const key = () => randomBytes(32).toString('base64');

describe('Vault (per-person keys, crypto-shredding)', () => {
  let db: TestDatabase;
  let pool: Pool;
  const k1 = key();
  const ring1 = parseMasterKeys(`m1:${k1}`);
  let vault: Vault;

  beforeAll(async () => {
    db = await createTestDatabase('vault');
    pool = createPool({ connectionString: db.url, max: 4, name: 'test' });
    vault = new Vault(pool, { schema: 'request', masterKeys: ring1 });
    await vault.ensureSchema();
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('encrypts so that neither the ciphertext nor the key table holds the plaintext', async () => {
    const nik = '3604014508900001';
    const c1 = await vault.encrypt('person-a', 'nik', nik);
    const c2 = await vault.encrypt('person-a', 'nik', nik);
    expect(c1).not.toContain(nik);
    expect(c1).not.toEqual(c2); // a fresh IV every time: equal values are not linkable
    expect(await vault.decrypt('person-a', 'nik', c1)).toBe(nik);
    const dump = JSON.stringify((await pool.query('select * from request.person_keys')).rows);
    expect(dump).not.toContain(nik);
  });

  it('binds a ciphertext to its person and field: copying it elsewhere or tampering fails', async () => {
    const c = await vault.encrypt('person-b', 'email', 'siti@example.id');
    await vault.encrypt('person-c', 'email', 'x@example.id');
    await expect(vault.decrypt('person-c', 'email', c)).rejects.toBeInstanceOf(CiphertextInvalidError);
    await expect(vault.decrypt('person-b', 'phone', c)).rejects.toBeInstanceOf(CiphertextInvalidError);
    const tampered = c.slice(0, -3) + (c.endsWith('A') ? 'BBB' : 'AAA');
    await expect(vault.decrypt('person-b', 'email', tampered)).rejects.toBeInstanceOf(CiphertextInvalidError);
    await expect(vault.decrypt('person-b', 'email', 'siti@example.id')).rejects.toBeInstanceOf(CiphertextInvalidError);
  });

  it('encrypts and decrypts whole records field by field', async () => {
    const form = { nik: '3604014508900001', name: 'Siti Aminah', serviceCode: 'AK1', age: 34 };
    const sealed = await vault.encryptFields('person-d', form, ['nik', 'name', 'age']);
    expect(sealed.serviceCode).toBe('AK1');
    expect(JSON.stringify(sealed)).not.toContain('Siti');
    expect(await vault.decryptFields('person-d', sealed, ['nik', 'name', 'age'])).toEqual(form);
  });

  it('creates exactly one key when many first encryptions for one person race', async () => {
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => vault.encrypt('person-race', 'f', `v${i}`)));
    const fresh = new Vault(pool, { schema: 'request', masterKeys: ring1, cacheTtlMs: 0 });
    const plain = await Promise.all(many.map((c) => fresh.decrypt('person-race', 'f', c)));
    expect(plain).toEqual(many.map((_, i) => `v${i}`));
    const { rows } = await pool.query("select count(*)::int as n from request.person_keys where person_id = 'person-race'");
    expect(rows[0].n).toBe(1);
  });

  it('destroys a person: their data is unrecoverable in every process, others are untouched', async () => {
    const other = new Vault(pool, { schema: 'request', masterKeys: ring1, cacheTtlMs: 0 });
    const mine = await vault.encrypt('person-e', 'name', 'Budi Santoso');
    const theirs = await vault.encrypt('person-f', 'name', 'Ani');
    expect(await other.decrypt('person-e', 'name', mine)).toBe('Budi Santoso');
    await vault.destroy('person-e');
    await vault.destroy('person-e'); // idempotent
    await expect(vault.decrypt('person-e', 'name', mine)).rejects.toBeInstanceOf(PersonDataErasedError);
    await expect(other.decrypt('person-e', 'name', mine)).rejects.toBeInstanceOf(PersonDataErasedError);
    await expect(vault.encrypt('person-e', 'name', 'again')).rejects.toBeInstanceOf(PersonDataErasedError);
    expect(await vault.isErased('person-e')).toBe(true);
    expect(await vault.decryptFields('person-e', { name: mine }, ['name'], 'null')).toEqual({ name: null });
    expect(await vault.decrypt('person-f', 'name', theirs)).toBe('Ani');
  });

  it('rotates the master key: keys are rewrapped and the old master key can then be dropped', async () => {
    const c = await vault.encrypt('person-g', 'phone', '+6281234567890');
    const k2 = key();
    const rotating = new Vault(pool, { schema: 'request', masterKeys: parseMasterKeys(`m2:${k2},m1:${k1}`), cacheTtlMs: 0 });
    expect(await rotating.rotateMasterKey()).toBeGreaterThan(0);
    expect(await rotating.rotateMasterKey()).toBe(0);
    const onlyNew = new Vault(pool, { schema: 'request', masterKeys: parseMasterKeys(`m2:${k2}`), cacheTtlMs: 0 });
    expect(await onlyNew.decrypt('person-g', 'phone', c)).toBe('+6281234567890');
    const onlyOld = new Vault(pool, { schema: 'request', masterKeys: ring1, cacheTtlMs: 0 });
    await expect(onlyOld.decrypt('person-g', 'phone', c)).rejects.toThrow(/master key "m2"/);
  });

  it('refuses a bad master key configuration with a message naming the problem', () => {
    expect(() => parseMasterKeys(undefined)).toThrow(InvalidMasterKeyError);
    expect(() => parseMasterKeys('m1:c2hvcnQ=')).toThrow(/expected 32/);
    expect(() => parseMasterKeys(`:${k1}`)).toThrow(/key id/);
    expect(() => parseMasterKeys(`m1:${k1}`, 'm9')).toThrow(/current key "m9"/);
  });
});
