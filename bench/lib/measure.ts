/** Small helpers shared by the benchmarks: closed-loop writers for a fixed time, medians, tables. */

export interface Throughput {
  ops: number;
  seconds: number;
  perSecond: number;
}

/** Runs `writers` closed loops of `op` for `durationMs` after a short warm-up; counts completed ops. */
export async function closedLoop(
  writers: number,
  durationMs: number,
  op: (writer: number, i: number) => Promise<void>,
  warmupMs = 500,
): Promise<Throughput> {
  let counting = false;
  let stop = false;
  let ops = 0;
  const loops = Array.from({ length: writers }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      await op(w, i);
      if (counting) ops++;
    }
  });
  await sleep(warmupMs);
  counting = true;
  const t0 = process.hrtime.bigint();
  await sleep(durationMs);
  counting = false;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stop = true;
  await Promise.all(loops);
  return { ops, seconds, perSecond: ops / seconds };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function table(rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join('  ');
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n');
}
