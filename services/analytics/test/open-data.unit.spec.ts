import { openDataCsv, openDataRows, type MonthlyCount } from '../src/domain/open-data';

/** A seeded generator: the same months, agencies and counts on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Months of counts shaped like the platform's: many small services, a few busy ones. */
function sample(seed: number): MonthlyCount[] {
  const next = random(seed);
  const out: MonthlyCount[] = [];
  for (const month of ['2026-09', '2026-10', '2026-11']) {
    for (let a = 0; a < 30; a++) {
      const services = 1 + Math.floor(next() * 5);
      for (let s = 0; s < services; s++) {
        const r = next();
        const submitted =
          r < 0.15 ? 0 : r < 0.55 ? 1 + Math.floor(next() * 4) : r < 0.8 ? 5 + Math.floor(next() * 10) : 15 + Math.floor(next() * 400);
        out.push({ month, agencyId: `agency${String(a).padStart(2, '0')}`, serviceId: `agency${a}-svc${s}`, submitted });
      }
    }
  }
  return out;
}

/** Reads the CSV back as a user of the open data would. */
function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trimEnd().split('\r\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

/**
 * The attacker: knows every published figure and that each published service row is at least 1.
 * For each suppressed service row of a group whose agency total is published, the total minus
 * the published rows is the sum S of the k suppressed ones, so the row lies in [1, S − k + 1].
 * Returns the rows pinned to a single value, with that value.
 */
function recoverable(rows: Array<Record<string, string>>): Array<{ key: string; value: number }> {
  const out: Array<{ key: string; value: number }> = [];
  const groups = new Map<string, Array<Record<string, string>>>();
  for (const r of rows) groups.set(`${r.month}/${r.agency_code}`, [...(groups.get(`${r.month}/${r.agency_code}`) ?? []), r]);
  for (const [group, members] of groups) {
    const total = members.find((m) => m.level === 'agency')!;
    if (total.submitted === '') continue;
    const services = members.filter((m) => m.level === 'service');
    const hidden = services.filter((m) => m.submitted === '');
    const sum = Number(total.submitted) - services.filter((m) => m.submitted !== '').reduce((s, m) => s + Number(m.submitted), 0);
    for (const h of hidden) {
      const lo = hidden.length === 1 ? sum : 1;
      const hi = sum - (hidden.length - 1);
      if (lo === hi) out.push({ key: `${group}/${h.service_id}`, value: hi });
    }
  }
  return out;
}

describe('open data: small cells suppressed, and none recomputable from the published totals', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('publishes true figures only, nothing below 5, nothing recoverable (seed %i)', (seed) => {
    const counts = sample(seed);
    const rows = parseCsv(openDataCsv(openDataRows(counts)));
    const truth = new Map(counts.filter((c) => c.submitted > 0).map((c) => [`${c.month}/${c.agencyId}/${c.serviceId}`, c.submitted]));
    const totals = new Map<string, number>();
    for (const c of counts) totals.set(`${c.month}/${c.agencyId}`, (totals.get(`${c.month}/${c.agencyId}`) ?? 0) + c.submitted);

    // Every service with submissions has its row, and every published figure is the true one.
    expect(
      rows
        .filter((r) => r.level === 'service')
        .map((r) => `${r.month}/${r.agency_code}/${r.service_id}`)
        .sort(),
    ).toEqual([...truth.keys()].sort());
    for (const r of rows.filter((x) => x.submitted !== '')) {
      const real = r.level === 'agency' ? totals.get(`${r.month}/${r.agency_code}`) : truth.get(`${r.month}/${r.agency_code}/${r.service_id}`);
      expect({ row: r, value: Number(r.submitted) }).toEqual({ row: r, value: real });
      expect(Number(r.submitted)).toBeGreaterThanOrEqual(5);
    }
    // Every small count is suppressed, and the attacker pins none of the suppressed rows.
    for (const [key, value] of truth)
      if (value < 5) expect(rows.find((r) => `${r.month}/${r.agency_code}/${r.service_id}` === key)!.submitted).toBe('');
    expect(recoverable(rows)).toEqual([]);
    // Suppression is not wholesale: most rows of a sample like the platform's stay published.
    expect(rows.filter((r) => r.submitted !== '').length / rows.length).toBeGreaterThan(0.4);
  });

  it('would be caught by the attacker without complementary suppression (the check is not vacuous)', () => {
    // A lone small cell beside a published total: exactly what complementary suppression prevents.
    const naive = [
      { month: '2026-11', level: 'agency', agency_code: 'dinsos', service_id: '', submitted: '23' },
      { month: '2026-11', level: 'service', agency_code: 'dinsos', service_id: 'dinsos-sktm', submitted: '20' },
      { month: '2026-11', level: 'service', agency_code: 'dinsos', service_id: 'dinsos-pkh', submitted: '' },
    ];
    expect(recoverable(naive)).toEqual([{ key: '2026-11/dinsos/dinsos-pkh', value: 3 }]);
    // The same figures as published: the 20 is suppressed too, and neither can be recomputed.
    const published = parseCsv(
      openDataCsv(
        openDataRows([
          { month: '2026-11', agencyId: 'dinsos', serviceId: 'dinsos-sktm', submitted: 20 },
          { month: '2026-11', agencyId: 'dinsos', serviceId: 'dinsos-pkh', submitted: 3 },
        ]),
      ),
    );
    expect(published.map((r) => r.submitted)).toEqual(['23', '', '']);
    expect(recoverable(published)).toEqual([]);
    // Two cells of 1 beside a total of... 2 is itself small: the total goes too.
    expect(
      openDataRows([
        { month: '2026-11', agencyId: 'bpbd', serviceId: 'a', submitted: 1 },
        { month: '2026-11', agencyId: 'bpbd', serviceId: 'b', submitted: 1 },
        { month: '2026-11', agencyId: 'bpbd', serviceId: 'c', submitted: 9 },
      ]).map((r) => r.submitted),
    ).toEqual([11, null, null, null]);
  });
});
