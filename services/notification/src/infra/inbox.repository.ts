import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { InboxEntry } from '../domain/inbox.policy';
import type { InboxRow } from './notification.tables';

const COLUMNS = 'id, recipient_id, kind, template_version, params, created_at, read_at';

/** A place in a recipient's inbox, newest first: the last row seen. */
export interface InboxPosition {
  createdAt: Date;
  id: string;
}

/** Reads and writes of notification.inbox. */
@Injectable()
export class InboxRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /**
   * Within the consumer's transaction; the derived id makes a second delivery a no-op. Nothing is
   * kept for an erased recipient (an officer may still act on their old application).
   */
  async add(tx: PoolClient, entry: InboxEntry, sourceEventId: string, createdAt: string): Promise<void> {
    await tx.query(
      `insert into notification.inbox (id, recipient_id, kind, template_version, params, source_event_id, created_at)
       select $1, $2, $3, $4, $5, $6, $7 where not exists (select 1 from notification.erased_recipients where person_id = $2)
       on conflict (id) do nothing`,
      [entry.id, entry.recipientId, entry.kind, entry.templateVersion, JSON.stringify(entry.params), sourceEventId, createdAt],
    );
  }

  /** An erased person's inbox goes; no later event brings a new one. */
  async erase(tx: PoolClient, personId: string, erasedAt: string): Promise<void> {
    await tx.query('insert into notification.erased_recipients (person_id, erased_at) values ($1, $2) on conflict do nothing', [personId, erasedAt]);
    await tx.query('delete from notification.inbox where recipient_id = $1', [personId]);
  }

  /** The recipient's notifications, newest first, after a position (exclusive) when given. */
  async page(recipientId: string, first: number, after: InboxPosition | null): Promise<InboxRow[]> {
    const { rows } = after
      ? await this.db.query<InboxRow>(
          `select ${COLUMNS} from notification.inbox
            where recipient_id = $1 and (created_at, id) < ($3, $4::uuid)
            order by created_at desc, id desc limit $2`,
          [recipientId, first, after.createdAt, after.id],
        )
      : await this.db.query<InboxRow>(
          `select ${COLUMNS} from notification.inbox where recipient_id = $1 order by created_at desc, id desc limit $2`,
          [recipientId, first],
        );
    return rows;
  }

  async unreadCount(recipientId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'select count(*)::int as n from notification.inbox where recipient_id = $1 and read_at is null',
      [recipientId],
    );
    return rows[0].n;
  }

  /** Marks one of the recipient's notifications read; the first read time stays. Null when it is not theirs. */
  async markRead(id: string, recipientId: string, at: Date): Promise<InboxRow | null> {
    const { rows } = await this.db.query<InboxRow>(
      `update notification.inbox set read_at = coalesce(read_at, $3)
        where id = $1 and recipient_id = $2
        returning ${COLUMNS}`,
      [id, recipientId, at],
    );
    return rows[0] ?? null;
  }

  /** Marks every unread notification of the recipient read at `at`; answers how many it marked. */
  async markAllRead(recipientId: string, at: Date): Promise<number> {
    const { rowCount } = await this.db.query('update notification.inbox set read_at = $2 where recipient_id = $1 and read_at is null', [
      recipientId,
      at,
    ]);
    return rowCount ?? 0;
  }
}
