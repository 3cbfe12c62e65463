import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { createPool } from '@serang/db';
import type { Pool } from 'pg';
import { parseMasterKeys, Vault } from '../src';

const REPO = resolve(__dirname, '../../..');
const key = () => randomBytes(32).toString('base64');

/** The operator's rotation (docs/kubernetes.md): add the new key first, run the command, drop the old key. */
describe('master-key rotation command', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('vault_rotate');
    pool = createPool({ connectionString: db.url, max: 4, name: 'test' });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const rotate = (keys: string) =>
    spawnSync(process.execPath, [resolve(REPO, 'scripts/run-ts.js'), 'libs/vault/src/rotate-master-key.main.ts'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url, VAULT_MASTER_KEYS: keys },
    });

  it("rewraps identity's and request's keys; after the old key is removed, old data still decrypts", async () => {
    const [k1, k2] = [`old:${key()}`, `new:${key()}`];
    const sealed: Array<{ schema: string; person: string; value: string; bytes: Buffer }> = [];
    for (const schema of ['identity', 'request']) {
      const vault = new Vault(pool, { schema, masterKeys: parseMasterKeys(k1), cacheTtlMs: 0 });
      await vault.ensureSchema();
      for (const person of ['p1', 'p2', 'p3'])
        sealed.push({
          schema,
          person,
          value: await vault.encrypt(person, 'name', `${schema} ${person}`),
          bytes: await vault.encryptBytes(person, 'document:x', Buffer.from(`%PDF-${person}`)),
        });
      await vault.destroy('p3'); // an erased person stays erased through a rotation
    }

    // Step 1 is the deployment's (VAULT_MASTER_KEYS=new,old everywhere); step 2 is this command.
    const first = rotate(`${k2},${k1}`);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      'identity: 2 data keys rewrapped with "new"; 0 still wrapped by another key\nrequest: 2 data keys rewrapped with "new"; 0 still wrapped by another key\n',
    );
    expect(first.status).toBe(0);
    expect(rotate(`${k2},${k1}`).stdout).toContain('identity: 0 data keys rewrapped');

    // Step 3: the old key is gone from the configuration; everything still opens, the erased stays erased.
    for (const s of sealed) {
      const vault = new Vault(pool, { schema: s.schema, masterKeys: parseMasterKeys(k2), cacheTtlMs: 0 });
      if (s.person === 'p3') {
        await expect(vault.decrypt(s.person, 'name', s.value)).rejects.toThrow();
        continue;
      }
      expect(await vault.decrypt(s.person, 'name', s.value)).toBe(`${s.schema} ${s.person}`);
      expect((await vault.decryptBytes(s.person, 'document:x', s.bytes)).toString()).toBe(`%PDF-${s.person}`);
    }
  });

  it('refuses to run without the keys, saying which variable is missing', () => {
    const r = spawnSync(process.execPath, [resolve(REPO, 'scripts/run-ts.js'), 'libs/vault/src/rotate-master-key.main.ts'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url, VAULT_MASTER_KEYS: '' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('VAULT_MASTER_KEYS');
  });
});
