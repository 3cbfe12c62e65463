import type { PerformanceScope } from './performance-scope.policy';

export interface ServiceTotal {
  agencyId: string;
  serviceId: string;
  submitted: number;
}

/** What an agency did in a period (for now: how much it received, in total and per service). */
export interface AgencyFigures {
  agencyId: string;
  submitted: number;
  byService: Array<{ serviceId: string; submitted: number }>;
}

/**
 * Folds per-service totals into one entry per agency, ordered by agency id. Every agency in scope
 * is answered, with zeros if nothing arrived: "no submissions" is a figure, not an absence. In
 * scope are the one agency asked for, or all `known` agencies (catalogue's) and any other that
 * received something (its registration may not have arrived yet: Kafka orders per topic only). Pure.
 */
export function agencyFigures(totals: readonly ServiceTotal[], scope: PerformanceScope, known: readonly string[] = []): AgencyFigures[] {
  const byAgency = new Map<string, AgencyFigures>();
  for (const agencyId of scope.kind === 'agency' ? [scope.agencyId] : known) byAgency.set(agencyId, { agencyId, submitted: 0, byService: [] });
  for (const t of totals) {
    if (scope.kind === 'agency' && t.agencyId !== scope.agencyId) continue;
    let figures = byAgency.get(t.agencyId);
    if (!figures) byAgency.set(t.agencyId, (figures = { agencyId: t.agencyId, submitted: 0, byService: [] }));
    figures.submitted += t.submitted;
    figures.byService.push({ serviceId: t.serviceId, submitted: t.submitted });
  }
  return [...byAgency.values()].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
}
