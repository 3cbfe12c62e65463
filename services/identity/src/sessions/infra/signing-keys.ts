import { inTransaction } from '@serang/db';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER, PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { ALG, generateEs256KeyPair, importPrivateKey, signAccessToken, type AccessTokenClaims, type Jwk, type SigningKey } from './jose.adapter';
import { openWithMasterKey, sealWithMasterKey } from '../../person';

interface KeyRow {
  kid: string;
  public_jwk: Jwk;
  private_key: Buffer;
  master_key_id: string;
  created_at: Date;
}

export interface SigningKeyInfo {
  kid: string;
  createdAt: Date;
  retiredAt?: Date;
  /** Signs new tokens (one key), or only verifies tokens it signed before it was retired. */
  status: 'CURRENT' | 'VERIFY_ONLY' | 'EXPIRED';
}

/**
 * Retired keys stay in the JWKS this long: longer than any access token they signed can live
 * (15 minutes at most), plus every verifier's JWKS cache (10 minutes), plus clock skew.
 */
const RETIRED_KEYS_VERIFY_FOR = '1 hour';
/** How long a replica signs with the key it loaded before looking again (another may have rotated). */
const RELOAD_MS = 30_000;
const LOCK = `hashtext('identity.signing_keys')`;

/**
 * Identity's ES256 signing keys. The first start makes one; rotation (by a platform admin, or
 * every SIGNING_KEY_ROTATION_DAYS) retires the current key and makes a new one in one
 * transaction: the new key signs from then on (every replica within 30 s), the old one stays in
 * the JWKS and verifies the tokens it signed until they have expired.
 */
@Injectable()
export class SigningKeys implements OnApplicationBootstrap, OnModuleDestroy {
  private current?: Promise<{ kid: string; key: SigningKey; createdAt: Date; loadedAt: number }>;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rotateIfDue();
    const { kid } = await this.currentKey();
    this.log.info({ kid }, 'signing key ready');
    if (this.config.SIGNING_KEY_ROTATION_DAYS > 0) {
      this.timer = setInterval(
        () => void this.rotateIfDue().catch((e: unknown) => this.log.warn({ err: String(e) }, 'signing key rotation check failed')),
        3600_000,
      );
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The public keys that verify identity's tokens (GET /.well-known/jwks.json): current first. */
  async jwks(): Promise<{ keys: Jwk[] }> {
    const { rows } = await this.db.query<{ public_jwk: Jwk }>(
      `select public_jwk from identity.signing_keys
        where retired_at is null or retired_at > now() - interval '${RETIRED_KEYS_VERIFY_FOR}' order by retired_at desc nulls first, created_at desc`,
    );
    return { keys: rows.map((r) => r.public_jwk) };
  }

  async list(): Promise<SigningKeyInfo[]> {
    const { rows } = await this.db.query<{ kid: string; created_at: Date; retired_at: Date | null; verifies: boolean }>(
      `select kid, created_at, retired_at, (retired_at > now() - interval '${RETIRED_KEYS_VERIFY_FOR}') as verifies from identity.signing_keys order by created_at desc`,
    );
    return rows.map((r) => ({
      kid: r.kid,
      createdAt: r.created_at,
      ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
      status: !r.retired_at ? 'CURRENT' : r.verifies ? 'VERIFY_ONLY' : 'EXPIRED',
    }));
  }

  async sign(claims: AccessTokenClaims): Promise<string> {
    const { kid, key } = await this.currentKey();
    return signAccessToken(key, kid, claims);
  }

  /** The current key pair as JWKs (for the OpenID provider, which signs ID tokens with it). */
  async currentPrivateJwk(): Promise<Jwk & { kid: string }> {
    const row = await this.withLock((tx) => this.loadOrCreate(tx));
    return { ...this.open(row), kid: row.kid, alg: ALG, use: 'sig' };
  }

  /** Retires the current key and makes the next one; returns the new kid. */
  async rotate(): Promise<string> {
    const row = await this.withLock(async (tx) => {
      await tx.query('update identity.signing_keys set retired_at = now() where retired_at is null');
      return this.loadOrCreate(tx);
    });
    this.current = undefined;
    this.log.info({ kid: row.kid }, 'signing key rotated');
    return row.kid;
  }

  private async rotateIfDue(): Promise<void> {
    const days = this.config.SIGNING_KEY_ROTATION_DAYS;
    if (days <= 0) return;
    const rotated = await this.withLock(async (tx) => {
      const { rowCount } = await tx.query(
        `update identity.signing_keys set retired_at = now() where retired_at is null and created_at < now() - make_interval(days => $1)`,
        [days],
      );
      if (!rowCount) return false;
      await this.loadOrCreate(tx);
      return true;
    });
    if (rotated) {
      this.current = undefined;
      this.log.info({ days }, 'signing key older than SIGNING_KEY_ROTATION_DAYS: rotated');
    }
  }

  private currentKey(): Promise<{ kid: string; key: SigningKey; createdAt: Date; loadedAt: number }> {
    const cached = this.current;
    if (cached) {
      return cached.then(async (c) => {
        if (Date.now() - c.loadedAt < RELOAD_MS) return c;
        const { rows } = await this.db.query<{ kid: string }>('select kid from identity.signing_keys where retired_at is null');
        if (rows[0]?.kid === c.kid) return { ...c, loadedAt: (c.loadedAt = Date.now()) };
        this.current = undefined;
        return this.currentKey();
      });
    }
    const loading = this.withLock((tx) => this.loadOrCreate(tx)).then(async (row) => ({
      kid: row.kid,
      key: await importPrivateKey(this.open(row)),
      createdAt: row.created_at,
      loadedAt: Date.now(),
    }));
    this.current = loading.catch((e: unknown) => {
      this.current = undefined; // a failed load is retried by the next caller
      throw e;
    });
    return this.current;
  }

  private open(row: KeyRow): Jwk {
    return JSON.parse(openWithMasterKey(this.config.masterKeys, row.master_key_id, row.private_key, aad(row.kid)).toString('utf8')) as Jwk;
  }

  /** The current key, made when there is none (first start, or right after a retirement). Caller holds the lock. */
  private async loadOrCreate(tx: PoolClient): Promise<KeyRow> {
    const { rows } = await tx.query<KeyRow>(
      'select kid, public_jwk, private_key, master_key_id, created_at from identity.signing_keys where retired_at is null',
    );
    if (rows[0]) return rows[0];
    const pair = await generateEs256KeyPair();
    const { masterKeyId, sealed } = sealWithMasterKey(this.config.masterKeys, Buffer.from(JSON.stringify(pair.privateJwk)), aad(pair.kid));
    const inserted = await tx.query<KeyRow>(
      `insert into identity.signing_keys (kid, alg, public_jwk, private_key, master_key_id) values ($1, $2, $3, $4, $5)
       returning kid, public_jwk, private_key, master_key_id, created_at`,
      [pair.kid, ALG, JSON.stringify(pair.publicJwk), sealed, masterKeyId],
    );
    this.log.info({ kid: pair.kid }, 'generated a signing key');
    return inserted.rows[0];
  }

  /** Under a transaction-scoped advisory lock: a second process waits, then finds the first one's key. */
  private async withLock<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.db, async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(${LOCK})`);
      return fn(tx);
    });
  }
}

function aad(kid: string): string {
  return `signing-key:${kid}`;
}
