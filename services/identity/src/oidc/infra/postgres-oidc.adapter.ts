import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LOGGER, PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Adapter, AdapterPayload } from 'oidc-provider' with { 'resolution-mode': 'import' };

/** Expired rows are never read; they are deleted this long after expiry, now and then. */
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * The OpenID Connect library's models (sessions, interactions, grants, authorization codes,
 * access tokens, …) in `identity.oidc_payloads`: every replica sees the same state, and a restart
 * loses none of it. Each model is one adapter over the same table (`model` is part of the key).
 */
@Injectable()
export class PostgresOidcStore implements OnModuleInit, OnApplicationShutdown {
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  adapterFor(model: string): Adapter {
    return new PostgresOidcAdapter(this.db, model);
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  /** Several replicas may sweep at once: deleting the same expired rows twice is harmless. */
  async sweep(): Promise<void> {
    try {
      const { rowCount } = await this.db.query(`delete from identity.oidc_payloads where expires_at < now() - interval '1 hour'`);
      if (rowCount) this.log.debug({ rows: rowCount }, 'swept expired single sign-on state');
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'sweeping expired single sign-on state failed');
    }
  }
}

interface Row {
  payload: AdapterPayload;
  consumed_at: Date | null;
}

class PostgresOidcAdapter implements Adapter {
  constructor(
    private readonly db: Pool,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await this.db.query(
      `insert into identity.oidc_payloads (model, id, payload, grant_id, user_code, uid, expires_at)
       values ($1, $2, $3, $4, $5, $6, case when $7::integer is null then null else now() + make_interval(secs => $7::integer) end)
       on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, user_code = excluded.user_code,
         uid = excluded.uid, expires_at = excluded.expires_at`,
      [this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresIn ?? null],
    );
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('id = $2', id);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('uid = $2', uid);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('user_code = $2', userCode);
  }

  /** Marks a single-use artefact (an authorization code) used; the library refuses it, and revokes its grant, on a second use. */
  /**
   * Marks a code (or token) used — once. Two token requests racing with the same authorization
   * code both found it unused; only one of them may consume it, the other fails closed.
   */
  async consume(id: string): Promise<void> {
    const { rowCount } = await this.db.query(
      'update identity.oidc_payloads set consumed_at = now() where model = $1 and id = $2 and consumed_at is null',
      [this.model, id],
    );
    if (rowCount !== 1) throw new Error(`${this.model} ${id} was already consumed`);
  }

  async destroy(id: string): Promise<void> {
    await this.db.query('delete from identity.oidc_payloads where model = $1 and id = $2', [this.model, id]);
  }

  /** Everything issued under one grant, whichever model it is (a reused code revokes its tokens too). */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.query('delete from identity.oidc_payloads where grant_id = $1', [grantId]);
  }

  private async findWhere(condition: string, value: string): Promise<AdapterPayload | undefined> {
    const { rows } = await this.db.query<Row>(
      `select payload, consumed_at from identity.oidc_payloads
        where model = $1 and ${condition} and (expires_at is null or expires_at > now())`,
      [this.model, value],
    );
    const row = rows[0];
    if (!row) return undefined;
    return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
  }
}
