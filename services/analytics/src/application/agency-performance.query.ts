import { Injectable } from '@nestjs/common';
import { agencyFigures, type AgencyFigures } from '../domain/agency-performance.report';
import { periodFrom, type Period } from '../domain/period.value';
import { performanceScope, type Viewer } from '../domain/performance-scope.policy';
import { AgenciesRepository } from '../infra/agencies.repository';
import { SubmissionsRepository } from '../infra/submissions.repository';

/** Agency performance for a viewer: scope from their token, period from the input, figures from the read model. */
@Injectable()
export class AgencyPerformanceQuery {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly agencies: AgenciesRepository,
  ) {}

  /** Throws PerformanceForbidden or InvalidPeriod (domain errors) before reading anything. */
  async run(
    viewer: Viewer,
    period: { from?: string | null; to?: string | null } | undefined,
    agencyId?: string | null,
  ): Promise<Array<AgencyFigures & { period: Period }>> {
    const scope = performanceScope(viewer, agencyId);
    const p = periodFrom(period);
    const rows = await this.submissions.totals(scope, p);
    const known = scope.kind === 'all' ? await this.agencies.ids() : [];
    // Each entry carries its period: fields resolved on it (the IKM) report on the same days.
    return agencyFigures(
      rows.map((r) => ({ agencyId: r.agency_id, serviceId: r.service_id, submitted: r.submitted })),
      scope,
      known,
    ).map((f) => ({ ...f, period: p }));
  }
}
