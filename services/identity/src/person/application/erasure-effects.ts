import { Injectable } from '@nestjs/common';
import { Vault } from '@serang/vault';
import type { PoolClient } from 'pg';

/**
 * What erasing a person destroys in identity itself: their data key (every ciphertext of them,
 * in every event, table and Kafka message, becomes unreadable), their NIK and e-mail lookups
 * (the NIK may register again), their password hash, pending invitation link and queued mail,
 * and their sessions. Idempotent: the erasure command runs it, and so does the projection of
 * PersonErased (which makes it certain after a crash between the two).
 */
@Injectable()
export class ErasureEffects {
  constructor(private readonly vault: Vault) {}

  async apply(personId: string, tx: PoolClient): Promise<void> {
    await tx.query('delete from identity.blind_indexes where person_id = $1', [personId]);
    await tx.query('delete from identity.credentials where person_id = $1', [personId]);
    await tx.query('delete from identity.staff_invitation_tokens where person_id = $1', [personId]);
    await tx.query('delete from identity.mail_outbox where person_id = $1 and sent_at is null', [personId]);
    await tx.query(`update identity.sessions set revoked_at = now(), revoke_reason = 'PERSON_ERASED' where person_id = $1 and revoked_at is null`, [
      personId,
    ]);
    await this.vault.destroy(personId, tx);
  }
}
