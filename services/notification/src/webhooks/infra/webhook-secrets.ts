import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKeyRing } from '@serang/vault';
import type { Pool } from 'pg';

/** A new signing secret as Standard Webhooks writes it: `whsec_` + base64 of 32 random bytes. Shown once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const aadOf = (subscriptionId: string, version: number) => Buffer.from(`webhook-secret:${subscriptionId}:${version}`, 'utf8');

/**
 * Webhook secrets sealed under the vault's master-key ring (AES-256-GCM, iv ‖ ciphertext ‖ tag, the
 * layout of libs/vault), bound to their subscription and version. The sender must sign with the
 * secret itself (HMAC), so a hash would not do; sealed, a copy of the table alone signs nothing.
 */
export class WebhookSecrets {
  constructor(
    private readonly db: Pool,
    private readonly ring: MasterKeyRing | null,
  ) {}

  get configured(): boolean {
    return this.ring !== null;
  }

  async store(subscriptionId: string, version: number, secret: string, at: Date): Promise<void> {
    if (!this.ring) throw new Error('webhook secrets need VAULT_MASTER_KEYS in notification');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.ring.keys.get(this.ring.currentId)!, iv);
    cipher.setAAD(aadOf(subscriptionId, version));
    const sealed = Buffer.concat([iv, cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    await this.db.query(
      `insert into notification.webhook_secrets (subscription_id, version, master_key_id, sealed, created_at) values ($1, $2, $3, $4, $5)
       on conflict (subscription_id, version) do update set master_key_id = excluded.master_key_id, sealed = excluded.sealed, created_at = excluded.created_at`,
      [subscriptionId, version, this.ring.currentId, sealed, at],
    );
  }

  /**
   * The secrets a message is signed with: the current version, and the one before it while it is
   * younger than `overlapMs` (a receiver switching secrets accepts either signature).
   */
  async signingSecrets(subscriptionId: string, currentVersion: number, now: Date, overlapMs: number): Promise<string[]> {
    const { rows } = await this.db.query<{ version: number; master_key_id: string; sealed: Buffer; created_at: Date }>(
      `select version, master_key_id, sealed, created_at from notification.webhook_secrets
        where subscription_id = $1 and version in ($2, $2 - 1) order by version desc`,
      [subscriptionId, currentVersion],
    );
    const current = rows.find((r) => r.version === currentVersion);
    if (!current) throw new Error(`secret ${currentVersion} of webhook subscription ${subscriptionId} missing`);
    const out = [this.open(subscriptionId, current)];
    const previous = rows.find((r) => r.version === currentVersion - 1);
    if (previous && now.getTime() - current.created_at.getTime() < overlapMs) out.push(this.open(subscriptionId, previous));
    return out;
  }

  private open(subscriptionId: string, r: { version: number; master_key_id: string; sealed: Buffer }): string {
    const key = this.ring?.keys.get(r.master_key_id);
    if (!key) throw new Error(`webhook secret sealed with master key "${r.master_key_id}", which is not in VAULT_MASTER_KEYS`);
    const decipher = createDecipheriv('aes-256-gcm', key, r.sealed.subarray(0, 12));
    decipher.setAAD(aadOf(subscriptionId, r.version));
    decipher.setAuthTag(r.sealed.subarray(r.sealed.length - 16));
    return Buffer.concat([decipher.update(r.sealed.subarray(12, r.sealed.length - 16)), decipher.final()]).toString('utf8');
  }
}
