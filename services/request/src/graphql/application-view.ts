import type { AuthUser } from '@serang/platform';
import type { Application as State, ApplicationActor } from '../domain/application.decider';
import { actingRole, STAFF_ROLES } from '../domain/staff-roles';
import type { Application } from './application.models';

/** A just-decided application (the stream's state) in the shape the read model gives. */
export function fromState(s: State): Application {
  return {
    id: s.id,
    trackingNumber: s.trackingNumber,
    status: s.status,
    version: s.version,
    serviceId: s.serviceId,
    serviceVersion: s.serviceVersion,
    agencyId: s.agencyId,
    applicantId: s.applicantId,
    submittedAt: s.submittedAt,
    dueAt: s.dueAt,
    assigneeId: s.assigneeId,
    slaWarned: s.warned,
    slaBreached: s.breached,
    closed: s.closed,
    documents: s.documents,
    timeline: s.timeline,
    formCiphertext: s.formCiphertext,
    outputReferenceCiphertext: s.outputReferenceCiphertext,
  };
}

/** The caller as an actor on applications, in the role they act in (domain/staff-roles.ts). */
export function actorOf(user: AuthUser): ApplicationActor {
  return { id: user.id, role: actingRole(user.roles), ...(user.agency ? { agency: user.agency } : {}) };
}

export const isStaffOf = (user: AuthUser | undefined, agencyId: string): boolean =>
  !!user && user.agency === agencyId && STAFF_ROLES.some((r) => user.roles.includes(r));
export const isApplicantOf = (user: AuthUser | undefined, applicantId: string): boolean =>
  !!user && user.id === applicantId && user.roles.includes('CITIZEN');
