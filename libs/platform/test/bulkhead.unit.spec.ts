import { Bulkhead, ServiceBusy } from '../src';

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { open, task: () => done };
}

describe('Bulkhead: a few run, a few wait, the rest are told to come back', () => {
  it('runs at most `concurrency` tasks at once and starts a waiting one as soon as a slot frees', async () => {
    const b = new Bulkhead({ concurrency: 2, maxQueue: 5, maxWaitMs: 60_000, reason: 'AUTH.BUSY' });
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g) => b.run(g.task));
    await Promise.resolve();
    expect([b.active, b.queued]).toEqual([2, 1]);
    gates[0].open();
    await runs[0];
    expect([b.active, b.queued]).toEqual([2, 0]);
    gates[1].open();
    gates[2].open();
    await Promise.all(runs);
    expect([b.active, b.queued]).toEqual([0, 0]);
  });

  it('refuses at once when the queue is full, with TOO_MANY_REQUESTS and a Retry-After', async () => {
    const b = new Bulkhead({ concurrency: 1, maxQueue: 1, maxWaitMs: 4_000, reason: 'AUTH.BUSY' });
    const g = gate();
    const running = b.run(g.task);
    const waiting = b.run(async () => 'second');
    const refused = await b.run(async () => 'third').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceBusy);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'AUTH.BUSY', retryAfter: 4 });
    expect(b.refused).toBe(1);
    g.open();
    await running;
    await expect(waiting).resolves.toBe('second');
  });

  it('refuses a task that waited longer than maxWaitMs, and frees its place in the queue', async () => {
    jest.useFakeTimers();
    try {
      const b = new Bulkhead({ concurrency: 1, maxQueue: 10, maxWaitMs: 2_000, reason: 'SERVICE.BUSY' });
      const g = gate();
      const running = b.run(g.task);
      const waiting = b.run(async () => 'late').catch((e: unknown) => e);
      jest.advanceTimersByTime(2_001);
      expect(await waiting).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'SERVICE.BUSY', retryAfter: 2 });
      expect(b.queued).toBe(0);
      g.open();
      await running;
      expect(b.active).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives the slot back when a task fails', async () => {
    const b = new Bulkhead({ concurrency: 1, maxQueue: 0, maxWaitMs: 1_000, reason: 'AUTH.BUSY' });
    await expect(b.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(b.run(async () => 'ok')).resolves.toBe('ok');
  });
});
