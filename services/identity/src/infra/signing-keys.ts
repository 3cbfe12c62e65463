import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER, PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { ALG, generateEs256KeyPair, importPrivateKey, signAccessToken, type AccessTokenClaims, type Jwk, type SigningKey } from './jose.adapter';
import { openWithMasterKey, sealWithMasterKey } from './master-key-seal';

interface KeyRow {
  kid: string;
  public_jwk: Jwk;
  private_key: Buffer;
  master_key_id: string;
}

/** Retired keys stay in the JWKS this long: longer than any access token they signed can live. */
const RETIRED_KEYS_VERIFY_FOR = '1 hour';

/**
 * Identity's ES256 signing keys. The first start makes one; later starts (and every replica) load
 * the current one. Rotation (retire the current key, insert a new one in one transaction) is the
 * identity issue's; `retired_at` and the JWKS window are ready for it.
 */
@Injectable()
export class SigningKeys implements OnApplicationBootstrap {
  private current?: Promise<{ kid: string; key: SigningKey }>;

  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { kid } = await this.currentKey();
    this.log.info({ kid }, 'signing key ready');
  }

  /** The public keys that verify identity's tokens (GET /.well-known/jwks.json). */
  async jwks(): Promise<{ keys: Jwk[] }> {
    const { rows } = await this.db.query<{ public_jwk: Jwk }>(
      `select public_jwk from identity.signing_keys
        where retired_at is null or retired_at > now() - interval '${RETIRED_KEYS_VERIFY_FOR}' order by created_at desc`,
    );
    return { keys: rows.map((r) => r.public_jwk) };
  }

  async sign(claims: AccessTokenClaims): Promise<string> {
    const { kid, key } = await this.currentKey();
    return signAccessToken(key, kid, claims);
  }

  private currentKey(): Promise<{ kid: string; key: SigningKey }> {
    this.current ??= this.loadOrCreate().catch((e: unknown) => {
      this.current = undefined; // a failed load is retried by the next caller
      throw e;
    });
    return this.current;
  }

  /** Under a transaction-scoped advisory lock: a second process waits, then finds the first one's key. */
  private async loadOrCreate(): Promise<{ kid: string; key: SigningKey }> {
    const tx = await this.db.connect();
    try {
      await tx.query('begin');
      await tx.query(`select pg_advisory_xact_lock(hashtext('identity.signing_keys'))`);
      let { rows } = await tx.query<KeyRow>('select kid, public_jwk, private_key, master_key_id from identity.signing_keys where retired_at is null');
      if (rows.length === 0) {
        const pair = await generateEs256KeyPair();
        const { masterKeyId, sealed } = sealWithMasterKey(this.config.masterKeys, Buffer.from(JSON.stringify(pair.privateJwk)), aad(pair.kid));
        ({ rows } = await tx.query<KeyRow>(
          `insert into identity.signing_keys (kid, alg, public_jwk, private_key, master_key_id) values ($1, $2, $3, $4, $5)
           returning kid, public_jwk, private_key, master_key_id`,
          [pair.kid, ALG, JSON.stringify(pair.publicJwk), sealed, masterKeyId],
        ));
        this.log.info({ kid: pair.kid }, 'generated the first signing key');
      }
      await tx.query('commit');
      const row = rows[0];
      const privateJwk = JSON.parse(openWithMasterKey(this.config.masterKeys, row.master_key_id, row.private_key, aad(row.kid)).toString('utf8')) as Jwk;
      return { kid: row.kid, key: await importPrivateKey(privateJwk) };
    } catch (e) {
      await tx.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      tx.release();
    }
  }
}

function aad(kid: string): string {
  return `signing-key:${kid}`;
}
