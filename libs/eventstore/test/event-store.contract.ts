import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DuplicateEventIdError, WrongExpectedRevisionError, type EventStore, type RecordedEvent, type Upcaster } from '../src';
import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { ev, uniqueStream } from './fixtures/events';
import { openStore } from './fixtures/open-store';

/** A category of its own per test, so tests sharing one store (EventStoreDB) never see each other. */
const freshCategory = () => `t${randomBytes(5).toString('hex')}`;

const upcasters: Upcaster[] = [
  // v1 had one `name`; v2 splits it. The stored v1 events never change: they are upcast on read.
  {
    type: 'CitizenNamed',
    fromSchemaVersion: 1,
    upcast: (d) => ({
      given: String((d as { name: string }).name).split(' ')[0],
      family: String((d as { name: string }).name)
        .split(' ')
        .slice(1)
        .join(' '),
    }),
  },
  { type: 'CitizenNamed', fromSchemaVersion: 2, upcast: (d) => ({ ...(d as object), honorific: null }) },
];

/**
 * The contract every EventStore adapter passes. `kind` and `url` let child processes open the
 * same store (the crash test).
 */
export function eventStoreContract(kind: string, url: () => string): void {
  let store: EventStore;
  beforeAll(async () => {
    store = await openStore(kind, url(), upcasters);
  });
  afterAll(async () => {
    await store?.close();
  });

  describe('append with an expected revision', () => {
    it('creates a stream with no_stream and refuses a second no_stream', async () => {
      const s = uniqueStream('application');
      const first = await store.append(s, [ev('ApplicationSubmitted'), ev('ApplicationClaimed')], 'no_stream');
      expect(first.nextExpectedRevision).toBe(1n);
      await expect(store.append(s, [ev('ApplicationSubmitted')], 'no_stream')).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: 1n,
      });
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('honours an exact revision, stream_exists and any', async () => {
      const s = uniqueStream('application');
      await expect(store.append(s, [ev('A')], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(s, [ev('A')], 3n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.append(s, [ev('A')], 'any')).nextExpectedRevision).toBe(0n);
      expect((await store.append(s, [ev('B')], 'stream_exists')).nextExpectedRevision).toBe(1n);
      expect((await store.append(s, [ev('C')], 1n)).nextExpectedRevision).toBe(2n);
      await expect(store.append(s, [ev('D')], 1n)).rejects.toMatchObject({ actual: 2n, expected: 1n });
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('lets exactly one of many concurrent writers with the same expected revision win', async () => {
      const s = uniqueStream('application');
      await store.append(s, [ev('ApplicationSubmitted')], 'no_stream');
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.append(s, [ev('ApplicationApproved', { officer: i }), ev('Second')], 0n)),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost.every((l) => l.reason instanceof WrongExpectedRevisionError)).toBe(true);
      // the winner's batch is whole, nothing of the losers is there
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['ApplicationSubmitted', 'ApplicationApproved', 'Second']);
    });

    it('keeps each append of a concurrent burst independent: a conflicting one fails alone', async () => {
      const streams = Array.from({ length: 10 }, () => uniqueStream('application'));
      await Promise.all(streams.map((s) => store.append(s, [ev('A')], 'no_stream')));
      const results = await Promise.allSettled(streams.map((s, i) => store.append(s, [ev('B')], i === 4 ? 5n : 0n)));
      expect(results.map((r) => r.status)).toEqual(streams.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    });
  });

  describe('idempotent re-append', () => {
    it('answers a resend of the same event ids as the first time and writes nothing twice', async () => {
      const s = uniqueStream('application');
      const batch = [ev('ApplicationSubmitted'), ev('DocumentAttached')];
      const first = await store.append(s, batch, 'no_stream');
      const again = await store.append(s, batch, 'no_stream');
      expect(again).toEqual(first);
      const concurrent = await Promise.all(Array.from({ length: 5 }, () => store.append(s, batch, 'no_stream')));
      concurrent.forEach((r) => expect(r).toEqual(first));
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('refuses ids reused for other events and writes nothing', async () => {
      const s = uniqueStream('application');
      const [a, b] = [ev('A'), ev('B')];
      await store.append(s, [a, b], 'no_stream');
      await expect(store.append(s, [a, ev('C')], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.append(uniqueStream('other'), [b], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
    });
  });

  describe('reading', () => {
    it('reads a stream forwards and backwards, from a revision, with a limit', async () => {
      const s = uniqueStream('catalogue');
      await store.append(
        s,
        ['E0', 'E1', 'E2', 'E3', 'E4'].map((t) => ev(t, { n: t })),
        'no_stream',
      );
      const fwd = await store.readStream(s);
      expect(fwd.map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
      expect(fwd.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(fwd[2]).toMatchObject({ streamId: s, data: { n: 'E2' }, metadata: { tenant: '3604', schemaVersion: 1 } });
      expect((await store.readStream(s, { direction: 'backwards' })).map((e) => e.type)).toEqual(['E4', 'E3', 'E2', 'E1', 'E0']);
      expect((await store.readStream(s, { fromRevision: 2n, maxCount: 2 })).map((e) => e.type)).toEqual(['E2', 'E3']);
      expect((await store.readStream(s, { direction: 'backwards', fromRevision: 2n, maxCount: 2 })).map((e) => e.type)).toEqual(['E2', 'E1']);
      expect(await store.readStream(uniqueStream('catalogue'))).toEqual([]);
    });

    it('reads all from a position with category and type filters, in position order', async () => {
      const [c1, c2] = [freshCategory(), freshCategory()];
      const before = await store.readAll({ filter: { categories: [c1, c2] } });
      expect(before).toEqual([]);
      await store.append(`${c1}-1`, [ev('X'), ev('Y')], 'no_stream');
      await store.append(`${c2}-1`, [ev('X')], 'no_stream');
      await store.append(`${c1}-2`, [ev('Z')], 'no_stream');
      const all = await store.readAll({ filter: { categories: [c1, c2] } });
      expect(all.map((e) => `${e.streamId}:${e.type}`)).toEqual([`${c1}-1:X`, `${c1}-1:Y`, `${c2}-1:X`, `${c1}-2:Z`]);
      expect(isStrictlyIncreasing(all.map((e) => e.position))).toBe(true);
      expect((await store.readAll({ filter: { categories: [c1] } })).map((e) => e.type)).toEqual(['X', 'Y', 'Z']);
      expect((await store.readAll({ filter: { categories: [c1, c2], types: ['X'] } })).map((e) => e.streamId)).toEqual([`${c1}-1`, `${c2}-1`]);
      expect((await store.readAll({ after: all[1].position, filter: { categories: [c1, c2] }, maxCount: 1 })).map((e) => e.type)).toEqual(['X']);
    });

    it('upcasts old event shapes on read, leaving the stored events as they were', async () => {
      const s = uniqueStream('citizen');
      await store.append(
        s,
        [ev('CitizenNamed', { name: 'Siti Nurhaliza Putri' }, 1), ev('CitizenNamed', { given: 'Ade', family: 'Rahmat' }, 2)],
        'no_stream',
      );
      const [old, newer] = await store.readStream(s);
      expect(old.data).toEqual({ given: 'Siti', family: 'Nurhaliza Putri', honorific: null });
      expect(old.metadata.schemaVersion).toBe(3);
      expect(newer.data).toEqual({ given: 'Ade', family: 'Rahmat', honorific: null });
      const viaAll = await store.readAll({ filter: { categories: ['citizen'], types: ['CitizenNamed'] }, maxCount: 10_000 });
      expect(viaAll.find((e) => e.id === old.id)?.data).toEqual(old.data);
    });
  });

  describe('catch-up subscriptions', () => {
    it('delivers history, then live events, from a given position', async () => {
      const c = freshCategory();
      await store.append(`${c}-a`, [ev('H1'), ev('H2')], 'no_stream');
      const first = await store.readAll({ filter: { categories: [c] } });
      const seen: RecordedEvent[] = [];
      const sub = store.subscribeAll({ after: first[0].position, filter: { categories: [c] } }, async (events) => {
        seen.push(...events);
      });
      await store.append(`${c}-b`, [ev('L1')], 'no_stream');
      await until(() => seen.length === 2);
      await sub.stop();
      expect(seen.map((e) => e.type)).toEqual(['H2', 'L1']);
    });

    it('ends with the handler error so the consumer can decide what to do', async () => {
      const c = freshCategory();
      await store.append(`${c}-a`, [ev('Poison')], 'no_stream');
      const sub = store.subscribeAll({ filter: { categories: [c] } }, async () => {
        throw new Error('cannot handle');
      });
      await expect(sub.done).rejects.toThrow('cannot handle');
    });

    it('sees every event of many concurrent writers (separate streams and one hot stream) exactly once, in order', async () => {
      const c = freshCategory();
      const seen: RecordedEvent[] = [];
      const sub = store.subscribeAll({ filter: { categories: [c] }, batchSize: 50 }, async (events) => {
        seen.push(...events);
      });
      const appended: string[] = [];
      const separate = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 25; i++) {
          const e = ev('Separate', { w, i });
          await store.append(`${c}-w${w}`, [e], i === 0 ? 'no_stream' : BigInt(i - 1));
          appended.push(e.id);
        }
      });
      const hot = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          const e = ev('Hot', { w, i });
          for (;;) {
            const [last] = await store.readStream(`${c}-hot`, { direction: 'backwards', maxCount: 1 });
            try {
              await store.append(`${c}-hot`, [e], last ? last.revision : 'no_stream');
              appended.push(e.id);
              break;
            } catch (err) {
              if (!(err instanceof WrongExpectedRevisionError)) throw err;
            }
          }
        }
      });
      await Promise.all([...separate, ...hot]);
      await until(() => seen.length >= appended.length);
      await sub.stop();
      expect(seen).toHaveLength(280);
      expect(new Set(seen.map((e) => e.id))).toEqual(new Set(appended));
      expect(isStrictlyIncreasing(seen.map((e) => e.position))).toBe(true);
      const hotRevisions = seen.filter((e) => e.streamId === `${c}-hot`).map((e) => e.revision);
      expect(hotRevisions).toEqual(Array.from({ length: 80 }, (_, i) => BigInt(i)));
    });

    describe('a subscriber killed mid-way (SIGKILL) and restarted', () => {
      let consumerDb: TestDatabase;
      beforeAll(async () => {
        consumerDb = await createTestDatabase('consumer');
      });
      afterAll(async () => {
        await consumerDb?.drop();
      });

      it('resumes from its checkpoint with nothing lost and nothing applied twice', async () => {
        const c = freshCategory();
        const total = 300;
        for (let i = 0; i < total; i += 30) {
          await store.append(
            `${c}-s${i}`,
            Array.from({ length: 30 }, (_, k) => ev('Counted', { n: i + k })),
            'no_stream',
          );
        }
        const env = { STORE_KIND: kind, STORE_URL: url(), CONSUMER_DB_URL: consumerDb.url, CATEGORY: c, SLOW_MS: '3' };
        const seenCount = async () => Number((await query(consumerDb.url, 'select count(*) as n from consumer.seen'))[0]?.n ?? 0);

        const first = startSubscriber(env);
        await until(async () => (await tableExists(consumerDb.url)) && (await seenCount()) > 40, 60_000);
        first.kill('SIGKILL');
        await new Promise((r) => first.once('exit', r));
        const atKill = await seenCount();
        expect(atKill).toBeLessThan(total);

        // Events keep arriving while the consumer is down.
        await store.append(`${c}-late`, [ev('Counted', { n: total })], 'no_stream');
        const second = startSubscriber(env);
        try {
          await until(async () => (await seenCount()) >= total + 1, 60_000);
        } finally {
          second.kill('SIGKILL');
          await new Promise((r) => second.once('exit', r));
        }
        const rows = await query(consumerDb.url, 'select position, event_id from consumer.seen order by seq');
        const expected = await store.readAll({ filter: { categories: [c] }, maxCount: 10_000 });
        expect(rows.map((r) => r.event_id)).toEqual(expected.map((e) => e.id));
        expect(rows.map((r) => BigInt(r.position as string))).toEqual(expected.map((e) => e.position));
      });
    });
  });
}

function startSubscriber(env: Record<string, string>): ChildProcess {
  const script = resolve(__dirname, 'fixtures/checkpointed-subscriber.ts');
  return fork(resolve(__dirname, '../../../scripts/run-ts.js'), [script], { env: { ...process.env, ...env }, stdio: 'inherit' });
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

async function tableExists(url: string): Promise<boolean> {
  const rows = await query(url, "select to_regclass('consumer.seen') is not null as ok");
  return rows[0]?.ok === true;
}

export function isStrictlyIncreasing(xs: bigint[]): boolean {
  return xs.every((x, i) => i === 0 || x > xs[i - 1]);
}

/** Polls a condition (no fixed sleeps); fails with a timeout. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
