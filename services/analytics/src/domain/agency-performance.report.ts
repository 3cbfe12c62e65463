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
 * Folds per-service totals into one entry per agency, ordered by agency id. When the scope is one
 * agency, that agency is always answered, with zeros if nothing arrived: "no submissions" is a
 * figure, not an absence. Pure.
 */
export function agencyFigures(totals: readonly ServiceTotal[], scope: PerformanceScope): AgencyFigures[] {
  const byAgency = new Map<string, AgencyFigures>();
  if (scope.kind === 'agency') byAgency.set(scope.agencyId, { agencyId: scope.agencyId, submitted: 0, byService: [] });
  for (const t of totals) {
    if (scope.kind === 'agency' && t.agencyId !== scope.agencyId) continue;
    let figures = byAgency.get(t.agencyId);
    if (!figures) byAgency.set(t.agencyId, (figures = { agencyId: t.agencyId, submitted: 0, byService: [] }));
    figures.submitted += t.submitted;
    figures.byService.push({ serviceId: t.serviceId, submitted: t.submitted });
  }
  return [...byAgency.values()].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
}
