import { createPool } from '@serang/db';
import { CommandHandler, PostgresEventStore } from '@serang/eventstore';
import type { Clock } from '@serang/platform';
import { Pool } from 'pg';
import { SlaScheduler } from '../src/application/sla-scheduler';
import { RequestWorld } from './fixtures/request-world';
import { testPort } from '@serang/testing';

const JOB_FAIR_FORM = { education: 'SMA', preferredSectors: ['MANUFAKTUR'], session: 'PAGI', phone: '081234567890' };

/** A clock the test sets: time passes by assignment, never by waiting. */
class TestClock implements Clock {
  constructor(public at: Date) {}
  now(): Date {
    return this.at;
  }
}

/**
 * Two SLA schedulers (as two replicas would run them) over the same applications, on the real
 * event store and read model: every application gets exactly one warning and one breach.
 */
describe('SLA scheduler with several replicas (real PostgreSQL, injected clock)', () => {
  const world = new RequestWorld(testPort(4939));
  let stores: PostgresEventStore[] = [];
  let pools: Pool[] = [];

  beforeAll(async () => {
    await world.start();
    stores = await Promise.all([0, 1].map(() => PostgresEventStore.connect({ connectionString: world.db.url })));
    pools = [0, 1].map(() => createPool({ connectionString: world.db.url, max: 4, name: 'test' }));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(pools.map((p) => p.end()));
    await world.stop();
  });

  const count = async (type: string, ids: string[]) =>
    (
      await world.pool.query<{ stream_id: string; n: number }>(
        `select stream_id, count(*)::int as n from eventstore.events where type = $1 and stream_id = any($2) group by stream_id`,
        [type, ids.map((id) => `application-${id}`)],
      )
    ).rows;

  it('raises exactly one warning and one breach per application, however many schedulers run at once', async () => {
    const citizen = await world.citizen();
    const apps = [];
    for (let i = 0; i < 12; i++) apps.push(await world.submit(citizen, 'disnakertrans-job-fair', JOB_FAIR_FORM));
    for (const a of apps) expect(a.errors).toBeUndefined();
    const ids = apps.map((a) => a.data!.submitApplication.id);
    await world.until(
      async () => (await world.pool.query('select count(*)::int as n from request.applications where id = any($1)', [ids])).rows[0].n === ids.length,
      'projected',
    );
    const { rows } = await world.pool.query<{ warn_at: Date; due_at: Date }>(
      'select min(warn_at) as warn_at, max(due_at) as due_at from request.applications where id = any($1)',
      [ids],
    );
    const clock = new TestClock(new Date(rows[0].warn_at.getTime() + 60_000)); // past 80 %, before the due time
    const schedulers = [0, 1].map((i) => new SlaScheduler(pools[i], new CommandHandler(stores[i], '3604'), clock));

    const admin0 = await world.staff('AGENCY_ADMIN', 'disnakertrans');
    const before = await Promise.all([...schedulers, ...schedulers].map((s) => s.round()));
    expect(before.reduce((n, r) => n + r.warned, 0)).toBe(ids.length); // four rounds at once, twelve warnings in all
    expect(before.reduce((n, r) => n + r.breached, 0)).toBe(0);

    // An admin acting on the version they saw before the warnings came: the clock's events do not
    // make it stale, so no CONFLICT.
    const acted = await world.act(admin0, ids[0], 'START_VERIFICATION', 1);
    expect(acted.errors).toBeUndefined();
    expect(acted.data!.transitionApplication.version).toBe(2);
    clock.at = new Date(rows[0].due_at.getTime() + 1); // the due time has passed
    await world.until(
      async () =>
        (await world.pool.query('select count(*)::int as n from request.applications where id = any($1) and warned_at is not null', [ids])).rows[0]
          .n === ids.length,
      'warnings projected',
    );
    const after = await Promise.all([...schedulers, ...schedulers].map((s) => s.round()));
    expect(after.reduce((n, r) => n + r.breached, 0)).toBe(ids.length);
    // Rounds keep coming (the read model lags behind): nothing more is raised.
    await Promise.all(schedulers.map((s) => s.round()));

    expect((await count('ApplicationSlaWarningRaised', ids)).map((r) => r.n)).toEqual(Array(ids.length).fill(1));
    expect((await count('ApplicationSlaBreached', ids)).map((r) => r.n)).toEqual(Array(ids.length).fill(1));
    await world.until(
      async () =>
        (await world.pool.query('select count(*)::int as n from request.applications where id = any($1) and breached_at is not null', [ids])).rows[0]
          .n === ids.length,
      'breaches projected',
    );

    // Breached applications are escalated: the agency admins see them flagged in the queue.
    const admin = await world.staff('AGENCY_ADMIN', 'disnakertrans');
    const flagged = await world.call<{ agencyQueue: Array<{ id: string; escalated: boolean; slaBreached: boolean }> }>(
      `{ agencyQueue(filter: { breached: true }) { id escalated slaBreached } }`,
      {},
      admin,
    );
    expect(flagged.data!.agencyQueue.map((a) => a.id).sort()).toEqual([...ids].sort());
    expect(flagged.data!.agencyQueue.every((a) => a.escalated && a.slaBreached)).toBe(true);
  });

  it('raises nothing for an application waiting on the citizen (the clock is paused) or closed', async () => {
    const citizen = await world.citizen();
    const admin = await world.staff('AGENCY_ADMIN', 'disnakertrans');
    const paused = (await world.submit(citizen, 'disnakertrans-ak1')).data!.submitApplication;
    await world.act(admin, paused.id, 'START_VERIFICATION', 1);
    await world.act(admin, paused.id, 'REQUEST_REVISION', 2, { note: 'Lengkapi sertifikat keahlian' });
    const closed = (await world.submit(citizen, 'disnakertrans-ak1')).data!.submitApplication;
    await world.act(admin, closed.id, 'REJECT', 1, { note: 'Bukan warga Kabupaten Serang' });
    const ids = [paused.id, closed.id];
    await world.until(
      async () =>
        (
          await world.pool.query(
            `select count(*)::int as n from request.applications where id = any($1) and (closed_at is not null or paused_since is not null)`,
            [ids],
          )
        ).rows[0].n === 2,
      'projected',
    );
    const clock = new TestClock(new Date(Date.now() + 365 * 24 * 3600_000)); // a year later
    const result = await new SlaScheduler(pools[0], new CommandHandler(stores[0], '3604'), clock).round();
    expect(await count('ApplicationSlaWarningRaised', ids)).toEqual([]);
    expect(await count('ApplicationSlaBreached', ids)).toEqual([]);
    expect(result.contended).toBe(0);
  });
});
