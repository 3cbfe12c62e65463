import { createTestDatabase, type TestDatabase } from '@serang/testing';
import { CommandHandler, PostgresEventStore, StreamChangedError, type Aggregate, type Command, type DomainEvent } from '../src';

/** A queue ticket dispenser (antrian): the smallest aggregate that has a rule to break. */
type Take = Command<'TakeTicket', { counter: string }>;
type Close = Command<'CloseCounter', Record<string, never>>;
type Taken = DomainEvent<'TicketTaken', { number: number; by: string; at: string }>;
type Closed = DomainEvent<'CounterClosed', Record<string, never>>;
type Dispenser = { issued: number; closed: boolean; lastAt: string | null };

class CounterClosed extends Error {}

const dispenser: Aggregate<Take | Close, Taken | Closed, Dispenser> = {
  category: 'dispenser',
  initialState: { issued: 0, closed: false, lastAt: null },
  schemaVersions: { TicketTaken: 2 },
  decide(command, state) {
    if (state.closed) throw new CounterClosed();
    if (command.type === 'CloseCounter') return [{ type: 'CounterClosed', data: {} }];
    return [{ type: 'TicketTaken', data: { number: state.issued + 1, by: command.metadata.actor.id, at: command.metadata.now.toISOString() } }];
  },
  evolve(state, event, { occurredAt }) {
    return event.type === 'TicketTaken' ? { ...state, issued: event.data.number, lastAt: occurredAt } : { ...state, closed: true };
  },
};

const meta = (id = 'warga-1') => ({
  now: new Date('2026-12-03T02:00:00Z'),
  actor: { id, role: 'CITIZEN' },
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
});
const take = (by?: string): Take => ({ type: 'TakeTicket', data: { counter: 'loket-1' }, metadata: meta(by) });

describe('the one command handler (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let handler: CommandHandler;

  beforeAll(async () => {
    db = await createTestDatabase('command_handler');
    store = await PostgresEventStore.connect({ connectionString: db.url });
    handler = new CommandHandler(store, '3604');
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('loads, decides, appends with the revision read, and stamps the command’s metadata, the tenant and the schema version', async () => {
    const first = await handler.handle(dispenser, 'a', take());
    const second = await handler.handle(dispenser, 'a', take('warga-2'));
    expect(second).toMatchObject({ state: { issued: 2, lastAt: '2026-12-03T02:00:00.000Z' }, revision: 1n });
    expect(first.events).toEqual([{ type: 'TicketTaken', data: { number: 1, by: 'warga-1', at: '2026-12-03T02:00:00.000Z' } }]);
    const [recorded] = await store.readStream('dispenser-a', { maxCount: 1 });
    expect(recorded.metadata).toMatchObject({
      tenant: '3604',
      occurredAt: '2026-12-03T02:00:00.000Z',
      actor: { id: 'warga-1', role: 'CITIZEN' },
      schemaVersion: 2,
      traceparent: meta().traceparent,
    });
  });

  it('lets a decider refuse, and then writes nothing', async () => {
    await handler.handle(dispenser, 'b', { type: 'CloseCounter', data: {}, metadata: meta() });
    await expect(handler.handle(dispenser, 'b', take())).rejects.toBeInstanceOf(CounterClosed);
    expect(await store.readStream('dispenser-b')).toHaveLength(1);
  });

  it('refuses a writer who raced another: one ticket per number, the loser told the stream changed', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        handler.handle(dispenser, 'c', take(`w${i}`)).then(
          () => 'ok',
          (e: unknown) => (e instanceof StreamChangedError ? 'changed' : String(e)),
        ),
      ),
    );
    const events = await store.readStream('dispenser-c');
    expect(events.map((e) => (e.data as { number: number }).number)).toEqual(events.map((_, i) => i + 1));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(events.length);
    expect(outcomes.every((o) => o === 'ok' || o === 'changed')).toBe(true);
  });

  it('decides again after a race when the aggregate says the write in between changed nothing the caller saw', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        handler.handle(dispenser, 'd', take(`w${i}`), { retryWhen: () => true }).then(
          () => 'ok',
          () => 'refused',
        ),
      ),
    );
    // At most three tries each: under this race most get their ticket; every ticket number is taken once.
    const numbers = (await store.readStream('dispenser-d')).map((e) => (e.data as { number: number }).number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(outcomes.filter((o) => o === 'ok').length).toBe(numbers.length);
  });

  it('checks the revision a caller saw before deciding, and answers with the aggregate’s own conflict', async () => {
    await handler.handle(dispenser, 'e', take());
    class SeenOld extends Error {}
    await expect(handler.handle(dispenser, 'e', take(), { expectedRevision: 5n, conflict: () => new SeenOld() })).rejects.toBeInstanceOf(SeenOld);
    await expect(handler.handle(dispenser, 'e', take(), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StreamChangedError);
    await expect(handler.handle(dispenser, 'e', take(), { expectedRevision: 0n })).resolves.toMatchObject({ revision: 1n });
  });

  it('runs the caller’s effects with the decided events before appending, and not when nothing is decided', async () => {
    const seen: string[] = [];
    await handler.handle(dispenser, 'f', take(), { beforeAppend: async (events) => void seen.push(...events.map((e) => e.type)) });
    const failing = handler.handle(dispenser, 'f', take(), {
      beforeAppend: async () => {
        throw new Error('claim lost');
      },
    });
    await expect(failing).rejects.toThrow('claim lost');
    expect(seen).toEqual(['TicketTaken']);
    expect(await store.readStream('dispenser-f')).toHaveLength(1);
  });

  it('appends facts unconditionally, on the initial state and whatever the stream holds', async () => {
    await handler.handle(dispenser, 'g', take());
    const again = await handler.handle(dispenser, 'g', take(), { unconditional: true });
    expect(again.events).toEqual([{ type: 'TicketTaken', data: expect.objectContaining({ number: 1 }) }]);
    expect(await store.readStream('dispenser-g')).toHaveLength(2);
  });

  it('creates an instance without reading it, and refuses when the stream already exists', async () => {
    await expect(handler.handle(dispenser, 'h', take(), { creating: true })).resolves.toMatchObject({ state: { issued: 1 }, revision: 0n });
    await expect(handler.handle(dispenser, 'h', take(), { creating: true })).rejects.toBeInstanceOf(StreamChangedError);
    expect(await store.readStream('dispenser-h')).toHaveLength(1);
  });

  it('makes a command from the state it acts on, and makes it again from the new state when it decides again', async () => {
    await handler.handle(dispenser, 'i', take());
    const madeOn: number[] = [];
    const racing = await Promise.all(
      ['x', 'y'].map((by) =>
        handler.handle(
          dispenser,
          'i',
          (state) => {
            madeOn.push(state.issued);
            return take(`${by}-after-${state.issued}`);
          },
          { retryWhen: () => true },
        ),
      ),
    );
    const events = await store.readStream('dispenser-i');
    expect(
      events
        .map((e) => (e.data as { by: string }).by)
        .slice(1)
        .sort(),
    ).toEqual(racing.map((r) => (r.events[0].data as { by: string }).by).sort());
    // Each command names the state it was made on; a retried one was made again on the newer state.
    for (const r of racing)
      expect((r.events[0].data as { by: string; number: number }).by).toMatch(
        new RegExp(`-after-${(r.events[0].data as { number: number }).number - 1}$`),
      );
    expect(madeOn.length).toBeGreaterThanOrEqual(2);
  });
});
