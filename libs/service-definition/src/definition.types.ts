/**
 * The service definition document (docs/service-definitions.md): what an agency designs without
 * code. Catalogue authors and publishes it; request runs applications against a published copy.
 */

/** Who may take a workflow action. */
export type ActionRole = 'OFFICER' | 'AGENCY_ADMIN' | 'AGENCY_SYSTEM' | 'CITIZEN';
export const ACTION_ROLES: readonly ActionRole[] = ['OFFICER', 'AGENCY_ADMIN', 'AGENCY_SYSTEM', 'CITIZEN'];

/** What a document upload may be; checked on the content, not on the name. */
export type MediaType = 'application/pdf' | 'image/jpeg' | 'image/png';
export const MEDIA_TYPES: readonly MediaType[] = ['application/pdf', 'image/jpeg', 'image/png'];

/** How a terminal state ends an application. */
export type Outcome = 'COMPLETED' | 'REJECTED';

export interface WorkflowState {
  code: string;
  nameId: string;
  nameEn: string;
  /** Exactly one state starts every application. */
  start?: boolean;
  /** No action leaves a terminal state. */
  terminal?: boolean;
  /** Required on terminal states. */
  outcome?: Outcome;
  /** The application waits on the citizen (a revision): the SLA clock pauses. */
  needsCitizen?: boolean;
  /** Optional promise for this step, in working days. */
  slaWorkingDays?: number;
  /** Whether the applicant may cancel here; default true for non-terminal states. */
  cancellable?: boolean;
}

export interface WorkflowAction {
  code: string;
  nameId: string;
  nameEn: string;
  from: string[];
  to: string;
  roles: ActionRole[];
  /** A note (reason) is required, e.g. for a rejection or a revision request. */
  requiresNote?: boolean;
  /** The reference of the service's output is required, e.g. the number of the issued card. */
  requiresOutputReference?: boolean;
}

export interface Workflow {
  states: WorkflowState[];
  actions: WorkflowAction[];
}

export interface DocumentRequirement {
  code: string;
  nameId: string;
  nameEn: string;
  required: boolean;
  mediaTypes: MediaType[];
  maxBytes: number;
}

export interface Fee {
  /** Whole rupiah; 0 means free. */
  amount: number;
  currency: 'IDR';
}

export interface ServiceDefinitionDocument {
  schemaVersion: 1;
  descriptionId: string;
  descriptionEn: string;
  slaWorkingDays: number;
  fee: Fee;
  requiredDocuments: DocumentRequirement[];
  /** JSON Schema (draft 2020-12, or draft-07 when `$schema` says so) of the application form. */
  form: Record<string, unknown>;
  workflow: Workflow;
}

/** One problem of a definition: where (a dotted path into it), what (a stable reason), and details. */
export interface DefinitionProblem {
  path: string;
  reason: string;
  params: Record<string, string | number>;
}

/** Reserved by the platform: no definition may use them. */
export const RESERVED_ACTION_CODES: readonly string[] = ['CLAIM', 'CANCEL', 'SUBMIT'];
export const CANCELLED_STATE = 'CANCELLED';
