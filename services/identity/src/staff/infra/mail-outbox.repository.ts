import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { openWithMasterKey, sealWithMasterKey } from '../../person';

/** One e-mail identity sends itself. Its content holds a secret (an invitation link). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface DueMail {
  id: string;
  attempts: number;
  mail: OutgoingMail;
}

export type DeliveryStatus = 'PENDING' | 'SENT' | 'FAILED';

/** After this many failed attempts a mail is given up on (FAILED) until someone renews it. */
export const MAX_ATTEMPTS = 8;
/** A claimed mail is someone's for this long; a sender that crashed mid-send leaves it to the next. */
const LEASE_SECONDS = 60;

/**
 * The mail outbox: enqueued in the same transaction as what causes the mail, so an accepted
 * invitation never loses its e-mail; the content is sealed under the vault master key while it
 * waits and erased once sent (only the fact and time of sending stay).
 */
@Injectable()
export class MailOutboxRepository {
  constructor(
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async enqueue(purpose: string, personId: string, mail: OutgoingMail, q: Pool | PoolClient = this.db): Promise<string> {
    const id = uuidv7();
    const { masterKeyId, sealed } = sealWithMasterKey(this.config.masterKeys, Buffer.from(JSON.stringify(mail)), aad(id));
    await q.query('insert into identity.mail_outbox (id, purpose, person_id, sealed, master_key_id) values ($1, $2, $3, $4, $5)', [
      id,
      purpose,
      personId,
      sealed,
      masterKeyId,
    ]);
    return id;
  }

  /** Leases up to `limit` due mails (several senders never take the same one). */
  async claimDue(limit: number): Promise<DueMail[]> {
    const { rows } = await this.db.query<{ id: string; attempts: number; sealed: Buffer; master_key_id: string }>(
      `update identity.mail_outbox set next_attempt_at = now() + make_interval(secs => $2), attempts = attempts + 1
        where id in (select id from identity.mail_outbox where sent_at is null and sealed is not null and next_attempt_at <= now()
                      order by next_attempt_at limit $1 for update skip locked)
        returning id, attempts, sealed, master_key_id`,
      [limit, LEASE_SECONDS],
    );
    return rows.map((r) => ({
      id: r.id,
      attempts: r.attempts,
      mail: JSON.parse(openWithMasterKey(this.config.masterKeys, r.master_key_id, r.sealed, aad(r.id)).toString('utf8')) as OutgoingMail,
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.db.query('update identity.mail_outbox set sent_at = now(), sealed = null, master_key_id = null, last_error = null where id = $1', [
      id,
    ]);
  }

  /** Backs off 2^attempts seconds (at most an hour); gives up after MAX_ATTEMPTS. */
  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    const delay = Math.min(2 ** attempts, 3600);
    await this.db.query(
      `update identity.mail_outbox set last_error = $2, next_attempt_at = case when $3 then 'infinity'::timestamptz else now() + make_interval(secs => $4) end where id = $1`,
      [id, error.slice(0, 300), attempts >= MAX_ATTEMPTS, delay],
    );
  }

  /** Delivery of the latest mail of `purpose` to each person. */
  async statusOf(purpose: string, personIds: readonly string[]): Promise<Map<string, DeliveryStatus>> {
    const { rows } = await this.db.query<{ person_id: string; sent_at: Date | null; next_attempt_at: Date }>(
      `select distinct on (person_id) person_id, sent_at, next_attempt_at from identity.mail_outbox
        where purpose = $1 and person_id = any($2) order by person_id, created_at desc`,
      [purpose, personIds],
    );
    return new Map(rows.map((r) => [r.person_id, r.sent_at ? 'SENT' : r.next_attempt_at.getTime() === Infinity ? 'FAILED' : 'PENDING']));
  }

  /** Mails of a person still waiting: superseded by a renewed invitation, or void after a revocation. */
  async dropPending(purpose: string, personId: string, q: Pool | PoolClient = this.db): Promise<void> {
    await q.query('delete from identity.mail_outbox where purpose = $1 and person_id = $2 and sent_at is null', [purpose, personId]);
  }
}

const aad = (id: string) => `mail:${id}`;
