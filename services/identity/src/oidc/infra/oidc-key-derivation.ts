import { Inject, Injectable } from '@nestjs/common';
import type { MasterKeyRing } from '@serang/vault';
import { createHmac, hkdfSync } from 'node:crypto';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';

/**
 * Keys single sign-on derives from identity's configuration (HKDF-SHA256 with a label per purpose),
 * so there is no new secret to configure and none is a constant in the code.
 */
const derive = (key: Buffer, info: string): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));

/**
 * Keys signing the provider's cookies, one per master key, the current one first: cookies are
 * signed with the current key and still verify under the others, so rotating VAULT_MASTER_KEYS
 * signs no one out until the old key is removed.
 */
export function deriveCookieKeys(ring: MasterKeyRing): Buffer[] {
  const ids = [ring.currentId, ...[...ring.keys.keys()].filter((id) => id !== ring.currentId)];
  return ids.map((id) => derive(ring.keys.get(id)!, 'serang-tatu/identity/oidc-cookies/v1'));
}

/**
 * The pairwise-subject key comes from BLIND_INDEX_KEY, not from the master keys: subjects must stay
 * the same for as long as agencies store them, and BLIND_INDEX_KEY is the key that never rotates
 * (changing it orphans the blind indexes too), whereas master keys are meant to.
 */
export function derivePairwiseKey(blindIndexKey: Buffer): Buffer {
  return derive(blindIndexKey, 'serang-tatu/identity/oidc-pairwise-subject/v1');
}

/**
 * The subject an agency knows a citizen by: HMAC-SHA256 of (agency, person id). Every app of one
 * agency sees the same subject; two agencies see unrelated ones (they cannot correlate citizens
 * without asking identity), and none sees the person id.
 */
@Injectable()
export class PairwiseSubjects {
  private readonly key: Buffer;

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    this.key = derivePairwiseKey(config.blindIndexKey);
  }

  of(agencyId: string, personId: string): string {
    return createHmac('sha256', this.key).update(`${agencyId}\u0000${personId}`, 'utf8').digest('base64url');
  }
}
