import type { Application as State } from '../domain/application.decider';
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
