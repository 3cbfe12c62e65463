import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKeyRing } from '@serang/vault';

/**
 * Seals identity's own secrets (the private signing keys) under the vault's master-key ring, the
 * same AES-256-GCM layout as libs/vault (iv ‖ ciphertext ‖ tag), so rotating VAULT_MASTER_KEYS
 * covers them too. `aad` binds a sealed value to what it is (e.g. `signing-key:<kid>`).
 */
export function sealWithMasterKey(ring: MasterKeyRing, plaintext: Buffer, aad: string): { masterKeyId: string; sealed: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.currentId)!, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { masterKeyId: ring.currentId, sealed: Buffer.concat([iv, body, cipher.getAuthTag()]) };
}

/** Throws when the master key is not configured, or the bytes or aad were tampered with. */
export function openWithMasterKey(ring: MasterKeyRing, masterKeyId: string, sealed: Buffer, aad: string): Buffer {
  const key = ring.keys.get(masterKeyId);
  if (!key) throw new Error(`sealed with master key "${masterKeyId}", which is not in VAULT_MASTER_KEYS`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}
