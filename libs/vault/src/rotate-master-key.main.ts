/**
 * The master-key rotation command (docs/kubernetes.md "Vault master keys"): rewraps every person's
 * data key in each service's key table with the current master key, then reports how many keys any
 * other master key still wraps (0 everywhere: the old key may be removed from VAULT_MASTER_KEYS).
 * Idempotent and safe while the services run (each row is rewrapped compare-and-set).
 *   DATABASE_URL, VAULT_MASTER_KEYS (new key first, old keys after), [VAULT_MASTER_KEY_ID],
 *   [VAULT_SCHEMAS=identity,request]
 * In a cluster: kubectl exec deploy/<release>-serang-tatu-identity -- node libs/vault/src/rotate-master-key.main.js
 */
import { createPool } from '@serang/db';
import { parseMasterKeys } from './master-keys';
import { Vault } from './vault';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL: required');
  const ring = parseMasterKeys(process.env.VAULT_MASTER_KEYS, process.env.VAULT_MASTER_KEY_ID || undefined);
  const schemas = (process.env.VAULT_SCHEMAS ?? 'identity,request')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const pool = createPool({ connectionString: url, name: 'vault-rotate', max: 2 });
  let left = 0;
  try {
    for (const schema of schemas) {
      const rewrapped = await new Vault(pool, { schema, masterKeys: ring, cacheTtlMs: 0 }).rotateMasterKey();
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from "${schema}".person_keys where wrapped_key is not null and master_key_id <> $1`,
        [ring.currentId],
      );
      left += rows[0].n;
      process.stdout.write(`${schema}: ${rewrapped} data keys rewrapped with "${ring.currentId}"; ${rows[0].n} still wrapped by another key\n`);
    }
  } finally {
    await pool.end();
  }
  return left === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`rotate-master-key: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
