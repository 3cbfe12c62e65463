import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { PostgresEventStore, WrongExpectedRevisionError, type RecordedEvent } from '../src';
import { eventStoreContract, until } from './event-store.contract';
import { ev, uniqueStream } from './fixtures/events';

describe('PostgreSQL event store', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('eventstore');
  });
  afterAll(async () => {
    await db?.drop();
  });

  describe('contract', () => {
    eventStoreContract('postgres', () => db.url);
  });

  describe('visibility order', () => {
    let store: PostgresEventStore;
    beforeAll(async () => {
      store = await PostgresEventStore.connect({ connectionString: db.url, pollIntervalMs: 50 });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('never lets a subscriber pass a position that a slower transaction commits later', async () => {
      const [head] = await store.readAll({ after: 0n, maxCount: 1_000_000 }).then((all) => all.slice(-1));
      const seen: RecordedEvent[] = [];
      const sub = store.subscribeAll({ after: head?.position ?? 0n, filter: { categories: ['slow'] } }, async (events) => {
        seen.push(...events);
      });
      // A slow writer: its transaction takes its positions, then dawdles before committing.
      const slow = new Client({ connectionString: db.url });
      await slow.connect();
      await slow.query('begin');
      const slowStream = uniqueStream('slow');
      const slowEvent = ev('SlowOne');
      await slow.query('select * from eventstore.append_batch($1, $2, $3, $4, $5, $6, $7, $8)', [
        [slowStream],
        ['slow'],
        ['no_stream'],
        [1],
        [slowEvent.id],
        [slowEvent.type],
        JSON.stringify([slowEvent.data]),
        JSON.stringify([slowEvent.metadata]),
      ]);
      // A fast writer starts after it and must not become visible first.
      const fast = store.append(uniqueStream('slow'), [ev('FastOne')], 'no_stream');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([]);
      await slow.query('commit');
      await slow.end();
      await fast;
      await until(() => seen.length === 2);
      await sub.stop();
      expect(seen.map((e) => e.type)).toEqual(['SlowOne', 'FastOne']);
      expect(seen[1].position).toBe(seen[0].position + 1n);
    });

    it('stays correct when several stores (as several processes) append at once', async () => {
      // Each store has its own append connection, so lone appends race for the lock across
      // connections: the fast path's stale snapshots must fall back, never write wrongly.
      const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresEventStore.connect({ connectionString: db.url })));
      try {
        const hot = uniqueStream('multi');
        const wins = await Promise.all(
          stores.map(async (st, w) => {
            let won = 0;
            for (let i = 0; i < 25; i++) {
              await st.append(uniqueStream('multi'), [ev('Own', { w, i })], 'no_stream');
              for (;;) {
                const [last] = await st.readStream(hot, { direction: 'backwards', maxCount: 1 });
                try {
                  await st.append(hot, [ev('Hot', { w, i })], last ? last.revision : 'no_stream');
                  won++;
                  break;
                } catch (e) {
                  if (!(e instanceof WrongExpectedRevisionError)) throw e;
                }
              }
            }
            return won;
          }),
        );
        expect(wins).toEqual([25, 25, 25, 25]);
        const hotEvents = await store.readStream(hot);
        expect(hotEvents.map((e) => e.revision)).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(i)));
        const all = await store.readAll({ filter: { categories: ['multi'] }, maxCount: 10_000 });
        expect(all).toHaveLength(200);
        const every = await store.readAll({ after: all[0].position - 1n, maxCount: 100_000 });
        const positions = every.map((e) => e.position);
        expect(positions).toEqual(positions.map((_, i) => positions[0] + BigInt(i))); // gapless
      } finally {
        await Promise.all(stores.map((st) => st.close()));
      }
    });

    it('hands out gapless positions even when appends fail', async () => {
      const s = uniqueStream('gapless');
      await store.append(s, [ev('A')], 'no_stream');
      await expect(store.append(s, [ev('B')], 'no_stream')).rejects.toThrow();
      await store.append(s, [ev('C')], 0n);
      const events = await store.readStream(s);
      expect(events[1].position).toBe(events[0].position + 1n);
    });
  });

  describe('what metrics see', () => {
    it('tells each append as it settles (category, events, time, outcome), and what a reader still has ahead of it', async () => {
      const seen: Array<{ category: string; events: number; seconds: number; outcome: string }> = [];
      const store = await PostgresEventStore.connect({ connectionString: db.url, onAppend: (o) => seen.push(o) });
      try {
        const category = `metered${Date.now()}`;
        const stream = uniqueStream(category);
        const first = await store.append(stream, [ev('One'), ev('Two')], 'no_stream');
        await expect(store.append(stream, [ev('Late')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await store.append(uniqueStream(category), [ev('Three')], 'no_stream');
        await until(() => seen.filter((o) => o.category === category).length === 3);
        const mine = seen.filter((o) => o.category === category);
        expect(mine.map(({ events, outcome }) => ({ events, outcome }))).toEqual([
          { events: 2, outcome: 'ok' },
          { events: 1, outcome: 'conflict' },
          { events: 1, outcome: 'ok' },
        ]);
        expect(mine.every((o) => o.seconds >= 0 && o.seconds < 30)).toBe(true);

        // Ahead of a reader at the first append's first event: its second event and the third.
        const [firstEvent] = await store.readStream(stream);
        const ahead = await store.backlog(firstEvent.position, { categories: [category] });
        expect(ahead.events).toBe(2);
        expect(ahead.oldestRecordedAt!.getTime()).toBeLessThanOrEqual(Date.now());
        expect(await store.backlog(firstEvent.position, { categories: [category] }, 1)).toMatchObject({ events: 1 });
        expect(await store.backlog(firstEvent.position, { categories: [category], types: ['Three'] })).toMatchObject({ events: 1 });
        expect(await store.backlog(first.position + 1_000_000_000n, { categories: [category] })).toEqual({ events: 0, oldestRecordedAt: undefined });
      } finally {
        await store.close();
      }
    });
  });
});
