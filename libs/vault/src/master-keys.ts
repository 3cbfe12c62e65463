/**
 * The master keys that wrap every person's data key. Configured as `VAULT_MASTER_KEYS`:
 * `id:base64key[,id:base64key…]`, each key 32 bytes; the first (or `VAULT_MASTER_KEY_ID`) wraps new
 * keys, the others still unwrap until `Vault.rotateMasterKey()` has rewrapped what they wrapped.
 */
export interface MasterKeyRing {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class InvalidMasterKeyError extends Error {
  constructor(message: string) {
    super(`VAULT_MASTER_KEYS: ${message}`);
    this.name = 'InvalidMasterKeyError';
  }
}

export function parseMasterKeys(spec: string | undefined, currentId?: string): MasterKeyRing {
  if (!spec?.trim()) throw new InvalidMasterKeyError('not set (expected id:base64key, 32-byte keys)');
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const sep = part.indexOf(':');
    const id = sep > 0 ? part.slice(0, sep) : '';
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) throw new InvalidMasterKeyError(`"${part.slice(0, 12)}…" has no valid key id before ':'`);
    const key = Buffer.from(part.slice(sep + 1), 'base64');
    if (key.length !== 32) throw new InvalidMasterKeyError(`key "${id}" is ${key.length} bytes, expected 32 (base64 of 32 random bytes)`);
    if (keys.has(id)) throw new InvalidMasterKeyError(`key id "${id}" appears twice`);
    keys.set(id, key);
  }
  const current = currentId ?? [...keys.keys()][0];
  if (!current || !keys.has(current)) throw new InvalidMasterKeyError(`current key "${current}" is not among the keys`);
  return { currentId: current, keys };
}
