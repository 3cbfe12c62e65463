import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool, PoolClient } from 'pg';
import type { OptionalChannel, PreferencesState, QuietHours } from '../domain/preferences.aggregate';

/** notification.preferences: each person's opted-out channels and quiet hours (ids and choices only). */
export async function ensurePreferencesTable(db: Pool): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtext('serang-ddl:notification.preferences'));
    create schema if not exists notification;
    create table if not exists notification.preferences (
      person_id          text primary key,
      opted_out_channels text[] not null,
      quiet_start_minute int,
      quiet_end_minute   int,
      updated_at         timestamptz not null
    )`);
}

type Row = { opted_out_channels: string[]; quiet_start_minute: number | null; quiet_end_minute: number | null };
const toState = (r: Row | undefined): PreferencesState => ({
  optedOut: (r?.opted_out_channels ?? []) as OptionalChannel[],
  quietHours:
    r && r.quiet_start_minute !== null && r.quiet_end_minute !== null ? { startMinute: r.quiet_start_minute, endMinute: r.quiet_end_minute } : null,
});

@Injectable()
export class PreferencesRepository {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async put(tx: PoolClient, personId: string, optedOut: string[], quiet: QuietHours | null, at: string): Promise<void> {
    await tx.query(
      `insert into notification.preferences (person_id, opted_out_channels, quiet_start_minute, quiet_end_minute, updated_at)
       values ($1, $2, $3, $4, $5)
       on conflict (person_id) do update set opted_out_channels = excluded.opted_out_channels, quiet_start_minute = excluded.quiet_start_minute,
         quiet_end_minute = excluded.quiet_end_minute, updated_at = excluded.updated_at`,
      [personId, optedOut, quiet?.startMinute ?? null, quiet?.endMinute ?? null, at],
    );
  }

  /** Within the consumer's transaction: how to reach a recipient now. */
  async of(tx: PoolClient | Pool, personId: string): Promise<PreferencesState> {
    const { rows } = await tx.query<Row>(
      'select opted_out_channels, quiet_start_minute, quiet_end_minute from notification.preferences where person_id = $1',
      [personId],
    );
    return toState(rows[0]);
  }

  async erase(tx: PoolClient, personId: string): Promise<void> {
    await tx.query('delete from notification.preferences where person_id = $1', [personId]);
  }
}
