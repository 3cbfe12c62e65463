import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { open, seal } from './aead';
import { CiphertextInvalidError, PersonDataErasedError } from './errors';
import type { MasterKeyRing } from './master-keys';

export interface VaultOptions {
  /** The using service's own schema: its key table lives there (`<schema>.person_keys`). */
  schema: string;
  masterKeys: MasterKeyRing;
  /**
   * How long an unwrapped data key stays in this process's memory. Erasure clears this process at
   * once; another replica may still decrypt for up to this long. Default 30 s; 0 disables.
   */
  cacheTtlMs?: number;
}

const PREFIX = 'vault:v1:';
/** The binary form of the same v1 format: these bytes, then iv ‖ ciphertext ‖ tag. */
const BYTES_PREFIX = Buffer.from(PREFIX, 'ascii');

interface KeyRow {
  wrapped_key: Buffer | null;
  master_key_id: string | null;
}

/**
 * Per-person data keys for crypto-shredding. Every field of personal data is encrypted with its
 * person's AES-256-GCM key, and the ciphertext is bound to the person and the field's name, so it
 * cannot be replayed elsewhere. Destroying the key makes every copy of the data (events, read
 * models, Kafka messages, backups) unreadable, while the records of what happened stay.
 */
export class Vault {
  private readonly table: string;
  private readonly cache = new Map<string, { key: Buffer; until: number }>();

  constructor(
    private readonly db: Pool,
    private readonly opts: VaultOptions,
  ) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) throw new Error(`invalid schema ${opts.schema}`);
    this.table = `"${opts.schema}".person_keys`;
  }

  /** Creates the key table; `q` lets a caller run it inside its own (locked) transaction. */
  async ensureSchema(q: Pick<Pool, 'query'> = this.db): Promise<void> {
    await q.query(`create schema if not exists "${this.opts.schema}"`);
    await q.query(`create table if not exists ${this.table} (
      person_id     text primary key,
      wrapped_key   bytea,
      master_key_id text,
      created_at    timestamptz not null default now(),
      destroyed_at  timestamptz,
      check ((wrapped_key is null) = (destroyed_at is not null))
    )`);
  }

  /** Encrypts one value for a person, creating the person's data key on first use. */
  async encrypt(personId: string, field: string, plaintext: string): Promise<string> {
    const key = await this.dataKey(personId, true);
    return PREFIX + seal(key, Buffer.from(plaintext, 'utf8'), aad(personId, field)).toString('base64url');
  }

  /** Decrypts a value; throws PersonDataErasedError when the person was erased. */
  async decrypt(personId: string, field: string, ciphertext: string): Promise<string> {
    if (!ciphertext.startsWith(PREFIX)) throw new CiphertextInvalidError(personId);
    const key = await this.dataKey(personId, false);
    try {
      return open(key, Buffer.from(ciphertext.slice(PREFIX.length), 'base64url'), aad(personId, field)).toString('utf8');
    } catch {
      throw new CiphertextInvalidError(personId);
    }
  }

  /**
   * Encrypts a binary value (an uploaded document) for a person: `vault:v1:` then iv ‖ ciphertext ‖
   * tag, the same AES-256-GCM key and person + field binding as `encrypt`. The whole value is in
   * memory: callers bound its size.
   */
  async encryptBytes(personId: string, field: string, plaintext: Uint8Array): Promise<Buffer> {
    const key = await this.dataKey(personId, true);
    return Buffer.concat([BYTES_PREFIX, seal(key, Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength), aad(personId, field))]);
  }

  /**
   * Reverses encryptBytes. Nothing is returned before the tag has been checked, so a tampered or
   * truncated value never yields partial plaintext. Throws PersonDataErasedError after erasure.
   */
  async decryptBytes(personId: string, field: string, sealed: Uint8Array): Promise<Buffer> {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (bytes.length < BYTES_PREFIX.length || !bytes.subarray(0, BYTES_PREFIX.length).equals(BYTES_PREFIX))
      throw new CiphertextInvalidError(personId);
    const key = await this.dataKey(personId, false);
    try {
      return open(key, bytes.subarray(BYTES_PREFIX.length), aad(personId, field));
    } catch {
      throw new CiphertextInvalidError(personId);
    }
  }

  /**
   * A keyed digest (HMAC-SHA256, hex) of a value under a key derived from the person's data key, for
   * recognising the same value again (e.g. a document uploaded twice) without storing a plain hash:
   * a plain hash lets anyone holding a copy or a guess confirm it and links equal values across
   * people. This one differs per person and can no longer be recomputed after erasure.
   * `purpose` separates digests of different kinds of value.
   */
  async keyedDigest(personId: string, purpose: string, value: Uint8Array): Promise<string> {
    const key = Buffer.from(hkdfSync('sha256', await this.dataKey(personId, true), Buffer.alloc(0), `serang-vault:digest:v1:${purpose}`, 32));
    return createHmac('sha256', key).update(value).digest('hex');
  }

  /** Encrypts the named fields of a record (the others are copied as they are). */
  async encryptFields<T extends Record<string, unknown>>(personId: string, record: T, fields: readonly (keyof T & string)[]): Promise<T> {
    const out: Record<string, unknown> = { ...record };
    for (const f of fields) if (record[f] !== undefined && record[f] !== null) out[f] = await this.encrypt(personId, f, JSON.stringify(record[f]));
    return out as T;
  }

  /** Reverses encryptFields; with `erased: 'null'`, fields of an erased person come back as null. */
  async decryptFields<T extends Record<string, unknown>>(
    personId: string,
    record: T,
    fields: readonly (keyof T & string)[],
    erased: 'throw' | 'null' = 'throw',
  ): Promise<T> {
    const out: Record<string, unknown> = { ...record };
    for (const f of fields) {
      const v = record[f];
      if (typeof v !== 'string') continue;
      try {
        out[f] = JSON.parse(await this.decrypt(personId, f, v));
      } catch (e) {
        if (erased === 'null' && e instanceof PersonDataErasedError) out[f] = null;
        else throw e;
      }
    }
    return out as T;
  }

  /**
   * Crypto-shredding: destroys the person's key. Idempotent; later encrypt/decrypt throw. `q`: the
   * caller's transaction, when it holds one (an erasure's effects, a consumer's batch).
   */
  async destroy(personId: string, q: Pick<Pool, 'query'> = this.db): Promise<void> {
    this.cache.delete(personId);
    await q.query(
      `insert into ${this.table} (person_id, wrapped_key, master_key_id, destroyed_at) values ($1, null, null, now())
       on conflict (person_id) do update set wrapped_key = null, master_key_id = null,
         destroyed_at = coalesce(${this.table}.destroyed_at, now())`,
      [personId],
    );
  }

  async isErased(personId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ destroyed: boolean }>(
      `select destroyed_at is not null as destroyed from ${this.table} where person_id = $1`,
      [personId],
    );
    return rows[0]?.destroyed ?? false;
  }

  /** Rewraps every data key wrapped by an older master key with the current one; returns how many. */
  async rotateMasterKey(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const { rows } = await this.db.query<{ person_id: string } & KeyRow>(
        `select person_id, wrapped_key, master_key_id from ${this.table}
          where wrapped_key is not null and master_key_id <> $1 limit $2`,
        [this.opts.masterKeys.currentId, batchSize],
      );
      if (rows.length === 0) return total;
      for (const row of rows) {
        const key = this.unwrap(row.person_id, row);
        const { rowCount } = await this.db.query(
          `update ${this.table} set wrapped_key = $2, master_key_id = $3 where person_id = $1 and master_key_id = $4`,
          [row.person_id, this.wrap(row.person_id, key), this.opts.masterKeys.currentId, row.master_key_id],
        );
        total += rowCount ?? 0;
      }
    }
  }

  private async dataKey(personId: string, create: boolean): Promise<Buffer> {
    const cached = this.cache.get(personId);
    if (cached && cached.until > Date.now()) return cached.key;
    let row = await this.loadRow(personId);
    if (!row && create) {
      const fresh = randomBytes(32);
      await this.db.query(
        `insert into ${this.table} (person_id, wrapped_key, master_key_id) values ($1, $2, $3) on conflict (person_id) do nothing`,
        [personId, this.wrap(personId, fresh), this.opts.masterKeys.currentId],
      );
      row = await this.loadRow(personId); // whoever won the race, everyone uses the stored key
    }
    if (!row || !row.wrapped_key) throw new PersonDataErasedError(personId);
    const key = this.unwrap(personId, row);
    const ttl = this.opts.cacheTtlMs ?? 30_000;
    if (ttl > 0) this.cache.set(personId, { key, until: Date.now() + ttl });
    return key;
  }

  private async loadRow(personId: string): Promise<KeyRow | undefined> {
    const { rows } = await this.db.query<KeyRow>(`select wrapped_key, master_key_id from ${this.table} where person_id = $1`, [personId]);
    return rows[0];
  }

  private wrap(personId: string, key: Buffer): Buffer {
    return seal(this.opts.masterKeys.keys.get(this.opts.masterKeys.currentId)!, key, `person-key:${personId}`);
  }

  private unwrap(personId: string, row: KeyRow): Buffer {
    const master = this.opts.masterKeys.keys.get(row.master_key_id ?? '');
    if (!master) throw new Error(`data key of ${personId} is wrapped by master key "${row.master_key_id}", which is not configured`);
    return open(master, row.wrapped_key!, `person-key:${personId}`);
  }
}

function aad(personId: string, field: string): string {
  return `${personId}\u0000${field}`;
}
