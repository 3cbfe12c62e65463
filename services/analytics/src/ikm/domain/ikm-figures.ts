import { addTallies, emptyTallies, ikmOf, type ElementTally, type Ikm } from './ikm';

/** One answer as the IKM counts it. */
export interface Answer {
  serviceId: string;
  scores: readonly number[];
}

export interface AgencyIkm extends Ikm {
  byService: Array<{ serviceId: string; ikm: Ikm }>;
}

/**
 * An agency's IKM and each of its services' in a period, from the answers and the number of
 * applications of each service that ended (completed or rejected) in it: the populations the
 * minimum samples are read for. The agency's population is the sum of its services'. Pure.
 */
export function agencyIkm(answers: readonly Answer[], populations: ReadonlyMap<string, number>): AgencyIkm {
  const tallies = new Map<string, { t: ElementTally[]; n: number }>();
  for (const serviceId of populations.keys()) tallies.set(serviceId, { t: emptyTallies(), n: 0 });
  for (const a of answers) {
    const entry = tallies.get(a.serviceId) ?? { t: emptyTallies(), n: 0 };
    entry.t = addTallies(
      entry.t,
      a.scores.map((s) => ({ sum: s, respondents: 1 })),
    );
    entry.n += 1;
    tallies.set(a.serviceId, entry);
  }
  const byService = [...tallies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([serviceId, { t, n }]) => ({ serviceId, ikm: ikmOf(t, n, populations.get(serviceId) ?? 0) }));
  const all = [...tallies.values()].reduce((acc, { t, n }) => ({ t: addTallies(acc.t, t), n: acc.n + n }), { t: emptyTallies(), n: 0 });
  const population = byService.reduce((s, x) => s + x.ikm.population, 0);
  return { ...ikmOf(all.t, all.n, population), byService };
}
