import type { ActionRole, DocumentRequirement, MediaType, WorkflowAction, WorkflowState } from '../definition.types';

/** Building blocks of the seeded services' documents and workflows (the words officers and citizens see). */

export const MB = 1024 * 1024;
export const ANY_FILE: MediaType[] = ['application/pdf', 'image/jpeg', 'image/png'];
export const PHOTO: MediaType[] = ['image/jpeg', 'image/png'];
export const STAFF: ActionRole[] = ['OFFICER', 'AGENCY_ADMIN'];
/** Where the agency's own system (SIAK, SIAPkerja, SISMIOP, SIKS-NG…) issues the output and reports its number. */
export const STAFF_OR_SYSTEM: ActionRole[] = ['OFFICER', 'AGENCY_ADMIN', 'AGENCY_SYSTEM'];

export function doc(
  code: string,
  nameId: string,
  nameEn: string,
  required: boolean,
  mediaTypes: MediaType[] = ANY_FILE,
  maxBytes = 2 * MB,
): DocumentRequirement {
  return { code, nameId, nameEn, required, mediaTypes, maxBytes };
}

export const KTP = doc('KTP', 'KTP elektronik pemohon', "Applicant's electronic identity card (KTP-el)", true);
export const KK = doc('KK', 'Kartu Keluarga (KK)', 'Family card (Kartu Keluarga)', true);
export const PAS_FOTO = doc('PAS_FOTO', 'Pas foto berwarna 3×4', 'Colour passport photo, 3×4 cm', true, PHOTO, 1 * MB);

export const submitted = (): WorkflowState => ({ code: 'SUBMITTED', nameId: 'Diajukan', nameEn: 'Submitted', start: true });

export function review(code: string, nameId: string, nameEn: string, slaWorkingDays: number, extra: Partial<WorkflowState> = {}): WorkflowState {
  return { code, nameId, nameEn, slaWorkingDays, ...extra };
}

export const revisionRequested = (): WorkflowState => ({
  code: 'REVISION_REQUESTED',
  nameId: 'Perlu perbaikan dari pemohon',
  nameEn: 'Revision requested from the applicant',
  needsCitizen: true,
});
export const completed = (nameId: string, nameEn: string): WorkflowState => ({
  code: 'COMPLETED',
  nameId,
  nameEn,
  terminal: true,
  outcome: 'COMPLETED',
});
export const rejected = (nameId = 'Ditolak', nameEn = 'Rejected'): WorkflowState => ({
  code: 'REJECTED',
  nameId,
  nameEn,
  terminal: true,
  outcome: 'REJECTED',
});

export function move(
  code: string,
  nameId: string,
  nameEn: string,
  from: string[],
  to: string,
  roles: ActionRole[] = STAFF,
  extra: Partial<WorkflowAction> = {},
): WorkflowAction {
  return { code, nameId, nameEn, from, to, roles, ...extra };
}

/** The officer asks for a correction (with the reason); the citizen's resubmission returns to `reviewState`. */
export function revisionLoop(reviewState: string): WorkflowAction[] {
  return [
    move('REQUEST_REVISION', 'Minta perbaikan berkas', 'Request a revision', [reviewState], 'REVISION_REQUESTED', STAFF, { requiresNote: true }),
    move('RESUBMIT', 'Kirim perbaikan', 'Resubmit with corrections', ['REVISION_REQUESTED'], reviewState, ['CITIZEN']),
  ];
}

/** A refusal always says why. */
export const reject = (from: string[], nameId = 'Tolak', nameEn = 'Reject'): WorkflowAction =>
  move('REJECT', nameId, nameEn, from, 'REJECTED', STAFF, { requiresNote: true });

/** The output (card, certificate, letter) is issued: its number is required. */
export function complete(from: string[], nameId: string, nameEn: string, roles: ActionRole[]): WorkflowAction {
  return move('COMPLETE', nameId, nameEn, from, 'COMPLETED', roles, { requiresOutputReference: true });
}

/** A service as the catalogue is seeded with it: created and published as version 1. */
export interface ServiceSeed {
  /** Stable: seeding is idempotent by stream (`service-<id>`, appended with `no_stream`). */
  id: string;
  agencyId: string;
  code: string;
  nameId: string;
  nameEn: string;
  definition: import('@serang/service-definition').ServiceDefinitionDocument;
}
