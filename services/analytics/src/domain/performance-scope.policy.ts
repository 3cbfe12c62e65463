import { DomainError } from '@serang/domain';

/** Which agencies' figures a viewer may see: all of them, or exactly one. */
export type PerformanceScope = { kind: 'all' } | { kind: 'agency'; agencyId: string };

export interface Viewer {
  roles: readonly string[];
  /** The agency the token ties an officer or agency admin to. */
  agency?: string;
}

export class PerformanceForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(readonly reason: 'ANALYTICS.OTHER_AGENCY' | 'ANALYTICS.NOT_ALLOWED') {
    super(reason);
  }
}

/**
 * The platform admin sees every agency (or the one asked for); an officer or agency admin sees
 * only their own agency and is refused another; anyone else is refused. The token decides,
 * never the argument. Pure.
 */
export function performanceScope(viewer: Viewer, requestedAgencyId?: string | null): PerformanceScope {
  if (viewer.roles.includes('PLATFORM_ADMIN')) return requestedAgencyId ? { kind: 'agency', agencyId: requestedAgencyId } : { kind: 'all' };
  if ((viewer.roles.includes('OFFICER') || viewer.roles.includes('AGENCY_ADMIN')) && viewer.agency) {
    if (requestedAgencyId && requestedAgencyId !== viewer.agency) throw new PerformanceForbidden('ANALYTICS.OTHER_AGENCY');
    return { kind: 'agency', agencyId: viewer.agency };
  }
  throw new PerformanceForbidden('ANALYTICS.NOT_ALLOWED');
}
