import {
  actionOf,
  actionsFrom,
  citizenActionFrom,
  isCancellable,
  startState,
  stateOf,
  type ActionRole,
  type Workflow,
  type WorkflowAction,
} from '@serang/service-definition';
import type { Aggregate, CommandMetadata } from '@serang/eventstore';
import type { ApplicationEvent, ApplicationTransitioned, DocumentRef } from './application.events';
import { ApplicationAlreadySubmitted, ApplicationNotFound, InputInvalid, type FieldIssue } from './request.errors';
import type { TrackingNumber } from './tracking-number';
import { isStaffRole } from './staff-roles';
import {
  ActionForbidden,
  ActionNotAvailable,
  ApplicationClosed,
  AwaitingCitizen,
  ClaimedByAnother,
  NotAwaitingCitizen,
  NotCancellable,
  NotClaimed,
  VersionConflict,
} from './workflow.errors';
import { slaDueAt, slaWarnAt, workingDaysLeft, type WorkingDayCalendar } from './working-days';

/** Who acts, as the access token says: role and agency decide, never an argument. */
export interface ApplicationActor {
  id: string;
  role: string;
  agency?: string;
}

/** One step of an application's history, as its tracking shows it. */
export interface TimelineEntry {
  status: string;
  at: Date;
  actorRole: string;
  /** The action that made the step (SUBMIT, CLAIM, APPROVE…). */
  action: string;
  /** An officer's note, a vault ciphertext under the applicant's key (bound to this version). */
  note: string | null;
  /** The application's version this step made. */
  version: number;
}

export const CANCELLED = 'CANCELLED';

/** An application (permohonan) as its events tell it. */
export interface Application {
  status: string;
  id: string;
  trackingNumber: string;
  /**
   * Number of steps so far (submission, claims, actions, resubmissions, cancellation): the version
   * an officer's command must name. The clock's SLA events are not steps: they never make an
   * officer's view stale.
   */
  version: number;
  /** Number of events in the stream, SLA events included: what an append must follow. */
  revision: number;
  serviceId: string;
  serviceVersion: number;
  agencyId: string;
  applicantId: string;
  formCiphertext: string;
  documents: DocumentRef[];
  submittedAt: Date;
  /** Null while the clock is paused (waiting on the citizen). */
  dueAt: Date | null;
  warnAt: Date | null;
  pausedRemainingWorkingDays: number | null;
  assigneeId: string | null;
  warned: boolean;
  breached: boolean;
  closed: boolean;
  outputReferenceCiphertext: string | null;
  timeline: TimelineEntry[];
}

export type ApplicationState = { status: 'NONE'; version: 0; revision: 0; id?: undefined } | Application;
export const initialState: ApplicationState = { status: 'NONE', version: 0, revision: 0 };

/** Whether the stream has its first event (status alone cannot tell: it is any state code). */
export const isSubmitted = (state: ApplicationState): state is Application => state.id !== undefined;

/** The application a stream's events tell (anything with a type and data: recorded or just decided). */
export function fromHistory(events: ReadonlyArray<{ type: string; data: unknown }>): ApplicationState {
  return (events as ReadonlyArray<ApplicationEvent>).reduce(evolve, initialState);
}

/**
 * An application as an aggregate of the one write path: its stream is `application-<id>`, and
 * the CommandHandler loads, decides and appends it (docs/write-path.md).
 */
export const ApplicationAggregate: Aggregate<ApplicationCommand, ApplicationEvent, ApplicationState> = {
  category: 'application',
  // 2: ApplicationSubmitted always carries `status` and `documents` (application.upcasters.ts reads 1).
  schemaVersions: { ApplicationSubmitted: 2 },
  initialState,
  decide: (command, state) => decide(command, state),
  evolve: (state, event) => evolve(state, event),
};

/** The parts of a published service version the engine runs on. */
export interface RunningService {
  serviceId: string;
  version: number;
  agencyId: string;
  slaWorkingDays: number;
  workflow: Workflow;
}

type Meta = CommandMetadata<ApplicationActor>;
type Nothing = Record<string, never>;

export type SubmitApplication = {
  type: 'SubmitApplication';
  data: {
    applicationId: string;
    trackingNumber: TrackingNumber;
    service: RunningService;
    formCiphertext: string;
    documents: readonly DocumentRef[];
    calendar: WorkingDayCalendar;
  };
  metadata: Meta;
};
export type ClaimApplication = { type: 'ClaimApplication'; data: { expectedVersion: number; workflow: Workflow }; metadata: Meta };
export type TakeAction = {
  type: 'TakeAction';
  data: {
    action: string;
    expectedVersion: number;
    noteCiphertext?: string;
    outputReferenceCiphertext?: string;
    workflow: Workflow;
    calendar: WorkingDayCalendar;
  };
  metadata: Meta;
};
export type ResubmitApplication = {
  type: 'ResubmitApplication';
  data: { formCiphertext: string; documents: readonly DocumentRef[]; workflow: Workflow; calendar: WorkingDayCalendar };
  metadata: Meta;
};
export type CancelApplication = { type: 'CancelApplication'; data: { workflow: Workflow }; metadata: Meta };
export type RaiseSlaWarning = { type: 'RaiseSlaWarning'; data: Nothing; metadata: Meta };
export type RecordSlaBreach = { type: 'RecordSlaBreach'; data: Nothing; metadata: Meta };
/** The scheduler's round for one application: the warning, the breach, or both, as the time says. */
export type CheckSla = { type: 'CheckSla'; data: Nothing; metadata: Meta };

export type ApplicationCommand =
  SubmitApplication | ClaimApplication | TakeAction | ResubmitApplication | CancelApplication | RaiseSlaWarning | RecordSlaBreach | CheckSla;

/** Who raises SLA warnings and breaches: the clock, through the scheduler. */
export const SLA_CLOCK: ApplicationActor = { id: 'sla-scheduler', role: 'SYSTEM' };

/**
 * Decides what a citizen's, officer's or scheduler's command does to one application, running the
 * workflow of the service version it was submitted under. Pure: no I/O, no clock.
 */
export function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  if (command.type === 'SubmitApplication') return submit(command, state);
  if (!isSubmitted(state)) throw new ApplicationNotFound();
  switch (command.type) {
    case 'ClaimApplication':
      return claim(command, state);
    case 'TakeAction':
      return takeAction(command, state);
    case 'ResubmitApplication':
      return resubmit(command, state);
    case 'CancelApplication':
      return cancel(command, state);
    case 'RaiseSlaWarning':
      return !state.closed && !state.warned && state.warnAt && state.warnAt <= command.metadata.now
        ? [slaEvent('ApplicationSlaWarningRaised', state, command.metadata.now)]
        : [];
    case 'RecordSlaBreach':
      return !state.closed && !state.breached && state.dueAt && state.dueAt < command.metadata.now
        ? [slaEvent('ApplicationSlaBreached', state, command.metadata.now)]
        : [];
    case 'CheckSla': {
      const warning = decide({ ...command, type: 'RaiseSlaWarning' }, state);
      return [...warning, ...decide({ ...command, type: 'RecordSlaBreach' }, warning.reduce(evolve, state))];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function submit(command: SubmitApplication, state: ApplicationState): ApplicationEvent[] {
  const { data, metadata } = command;
  if (isSubmitted(state)) throw new ApplicationAlreadySubmitted(data.applicationId);
  const dueAt = slaDueAt(metadata.now, data.service.slaWorkingDays, data.calendar);
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId: data.applicationId,
        trackingNumber: data.trackingNumber,
        serviceId: data.service.serviceId,
        serviceVersion: data.service.version,
        agencyId: data.service.agencyId,
        applicantId: metadata.actor.id,
        formCiphertext: data.formCiphertext,
        documentIds: data.documents.map((d) => d.documentId),
        documents: [...data.documents],
        submittedAt: metadata.now.toISOString(),
        dueAt: dueAt.toISOString(),
        warnAt: slaWarnAt(metadata.now, dueAt, data.calendar).toISOString(),
        status: startState(data.service.workflow).code,
      },
    },
  ];
}

/** Officers and agency admins of the application's agency; agency systems of it act without claiming. */
function assertStaffOf(state: Application, actor: ApplicationActor): void {
  // Another agency's application must look like no application at all.
  if (!isStaffRole(actor.role) || actor.agency !== state.agencyId) throw new ApplicationNotFound();
}

function assertOpen(state: Application, expectedVersion: number): void {
  if (expectedVersion !== state.version) throw new VersionConflict(expectedVersion, state.version);
  if (state.closed) throw new ApplicationClosed();
}

function claim(command: ClaimApplication, state: Application): ApplicationEvent[] {
  const { actor, now } = command.metadata;
  assertStaffOf(state, actor);
  if (actor.role === 'AGENCY_SYSTEM') throw new ActionForbidden('CLAIM');
  assertOpen(state, command.data.expectedVersion);
  if (stateOf(command.data.workflow, state.status)?.needsCitizen) throw new AwaitingCitizen();
  if (state.assigneeId === actor.id) return [];
  if (state.assigneeId && actor.role !== 'AGENCY_ADMIN') throw new ClaimedByAnother();
  return [
    {
      type: 'ApplicationClaimed',
      data: {
        applicationId: state.id,
        officerId: actor.id,
        officerRole: actor.role,
        ...(state.assigneeId ? { previousOfficerId: state.assigneeId } : {}),
        version: state.version + 1,
        at: now.toISOString(),
      },
    },
  ];
}

/** May this role take this action? Agency admins may take every action the workflow gives officers. */
function roleMay(action: WorkflowAction, role: string): boolean {
  return action.roles.includes(role as ActionRole) || (role === 'AGENCY_ADMIN' && action.roles.includes('OFFICER'));
}

function takeAction(command: TakeAction, state: Application): ApplicationEvent[] {
  const { actor, now } = command.metadata;
  const { workflow, calendar } = command.data;
  assertStaffOf(state, actor);
  assertOpen(state, command.data.expectedVersion);
  const action = actionOf(workflow, command.data.action);
  if (!action || !action.from.includes(state.status)) throw new ActionNotAvailable(command.data.action, state.status);
  if (action.roles.includes('CITIZEN') || !roleMay(action, actor.role)) throw new ActionForbidden(action.code);
  if (actor.role === 'OFFICER' && state.assigneeId !== actor.id) throw new NotClaimed();
  const issues: FieldIssue[] = [];
  if (action.requiresNote && !command.data.noteCiphertext)
    issues.push({ field: 'note', keyword: 'required', params: {}, message: 'a note is required for this action' });
  if (action.requiresOutputReference && !command.data.outputReferenceCiphertext)
    issues.push({ field: 'outputReference', keyword: 'required', params: {}, message: 'the output reference is required for this action' });
  if (issues.length) throw new InputInvalid(issues);
  return [transition(state, action, actor, now, workflow, calendar, command.data.noteCiphertext ?? '', command.data.outputReferenceCiphertext ?? '')];
}

/**
 * The clock pauses when the application comes to wait on the citizen, and runs again (with the
 * working days that were left) when it leaves such a state for one the agency works on.
 */
function transition(
  state: Application,
  action: WorkflowAction,
  actor: ApplicationActor,
  now: Date,
  workflow: Workflow,
  calendar: WorkingDayCalendar,
  note: string,
  output: string,
): ApplicationTransitioned {
  const to = stateOf(workflow, action.to)!;
  let dueAt = state.dueAt;
  let warnAt = state.warnAt;
  let paused = state.pausedRemainingWorkingDays;
  if (to.needsCitizen && dueAt) {
    paused = workingDaysLeft(now, dueAt, calendar);
    dueAt = null;
    warnAt = null;
  } else if (!to.needsCitizen && !dueAt && paused !== null && !to.terminal) {
    dueAt = slaDueAt(now, paused, calendar);
    warnAt = slaWarnAt(now, dueAt, calendar);
    paused = null;
  }
  return {
    type: 'ApplicationTransitioned',
    data: {
      applicationId: state.id,
      action: action.code,
      fromStatus: state.status,
      toStatus: to.code,
      actorRole: actor.role,
      actorId: actor.id,
      noteCiphertext: note,
      outputReferenceCiphertext: output,
      version: state.version + 1,
      at: now.toISOString(),
      dueAt: dueAt?.toISOString() ?? '',
      warnAt: warnAt?.toISOString() ?? '',
      pausedRemainingWorkingDays: paused ?? 0,
      outcome: to.terminal ? (to.outcome ?? 'COMPLETED') : '',
    },
  };
}

function assertApplicant(state: Application, actor: ApplicationActor): void {
  if (actor.role !== 'CITIZEN' || actor.id !== state.applicantId) throw new ApplicationNotFound();
}

function resubmit(command: ResubmitApplication, state: Application): ApplicationEvent[] {
  const { actor, now } = command.metadata;
  assertApplicant(state, actor);
  if (state.closed) throw new ApplicationClosed();
  const action = citizenActionFrom(command.data.workflow, state.status);
  if (!action) throw new NotAwaitingCitizen();
  const dueAt = slaDueAt(now, state.pausedRemainingWorkingDays ?? 0, command.data.calendar);
  return [
    {
      type: 'ApplicationResubmitted',
      data: {
        applicationId: state.id,
        action: action.code,
        fromStatus: state.status,
        toStatus: action.to,
        formCiphertext: command.data.formCiphertext,
        documents: [...command.data.documents],
        version: state.version + 1,
        at: now.toISOString(),
        dueAt: dueAt.toISOString(),
        warnAt: slaWarnAt(now, dueAt, command.data.calendar).toISOString(),
      },
    },
  ];
}

function cancel(command: CancelApplication, state: Application): ApplicationEvent[] {
  assertApplicant(state, command.metadata.actor);
  if (state.status === CANCELLED) return []; // a resend of the same cancellation
  if (state.closed || !isCancellable(command.data.workflow, state.status)) throw new NotCancellable();
  return [
    {
      type: 'ApplicationCancelled',
      data: { applicationId: state.id, fromStatus: state.status, version: state.version + 1, at: command.metadata.now.toISOString() },
    },
  ];
}

function slaEvent<T extends 'ApplicationSlaWarningRaised' | 'ApplicationSlaBreached'>(
  type: T,
  state: Application,
  now: Date,
): Extract<ApplicationEvent, { type: T }> {
  // Not a step: the version stays what officers see.
  return {
    type,
    data: { applicationId: state.id, agencyId: state.agencyId, dueAt: state.dueAt!.toISOString(), at: now.toISOString(), version: state.version },
  } as Extract<ApplicationEvent, { type: T }>;
}

/** Folds one event into the state; replaying a stream always gives the same application. */
export function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  if (event.type === 'ApplicationSubmitted') {
    const d = event.data;
    const submittedAt = new Date(d.submittedAt);
    return {
      status: d.status || 'SUBMITTED',
      id: d.applicationId,
      trackingNumber: d.trackingNumber,
      version: 1,
      revision: state.revision + 1,
      serviceId: d.serviceId,
      serviceVersion: d.serviceVersion,
      agencyId: d.agencyId,
      applicantId: d.applicantId,
      formCiphertext: d.formCiphertext,
      documents: d.documents,
      submittedAt,
      dueAt: new Date(d.dueAt),
      warnAt: d.warnAt ? new Date(d.warnAt) : null,
      pausedRemainingWorkingDays: null,
      assigneeId: null,
      warned: false,
      breached: false,
      closed: false,
      outputReferenceCiphertext: null,
      timeline: [{ status: d.status || 'SUBMITTED', at: submittedAt, actorRole: 'CITIZEN', action: 'SUBMIT', note: null, version: 1 }],
    };
  }
  if (!isSubmitted(state)) return state;
  if (event.type === 'ApplicationSlaWarningRaised') return { ...state, revision: state.revision + 1, warned: true };
  if (event.type === 'ApplicationSlaBreached') return { ...state, revision: state.revision + 1, breached: true };
  const s = { ...state, version: state.version + 1, revision: state.revision + 1 };
  switch (event.type) {
    case 'ApplicationClaimed':
      return {
        ...s,
        assigneeId: event.data.officerId,
        timeline: [
          ...s.timeline,
          { status: s.status, at: new Date(event.data.at), actorRole: event.data.officerRole, action: 'CLAIM', note: null, version: s.version },
        ],
      };
    case 'ApplicationTransitioned': {
      const d = event.data;
      return {
        ...s,
        status: d.toStatus,
        dueAt: d.dueAt ? new Date(d.dueAt) : null,
        warnAt: d.warnAt ? new Date(d.warnAt) : null,
        pausedRemainingWorkingDays: d.dueAt ? null : d.pausedRemainingWorkingDays,
        closed: !!d.outcome,
        outputReferenceCiphertext: d.outputReferenceCiphertext || s.outputReferenceCiphertext,
        timeline: [
          ...s.timeline,
          { status: d.toStatus, at: new Date(d.at), actorRole: d.actorRole, action: d.action, note: d.noteCiphertext || null, version: s.version },
        ],
      };
    }
    case 'ApplicationResubmitted': {
      const d = event.data;
      return {
        ...s,
        status: d.toStatus,
        formCiphertext: d.formCiphertext,
        documents: d.documents,
        dueAt: new Date(d.dueAt),
        warnAt: new Date(d.warnAt),
        pausedRemainingWorkingDays: null,
        timeline: [...s.timeline, { status: d.toStatus, at: new Date(d.at), actorRole: 'CITIZEN', action: d.action, note: null, version: s.version }],
      };
    }
    case 'ApplicationCancelled':
      return {
        ...s,
        status: CANCELLED,
        closed: true,
        timeline: [
          ...s.timeline,
          { status: CANCELLED, at: new Date(event.data.at), actorRole: 'CITIZEN', action: 'CANCEL', note: null, version: s.version },
        ],
      };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/** The actions the caller could take now (what a client shows as buttons). */
export function availableActions(workflow: Workflow, state: Application, actor: ApplicationActor): WorkflowAction[] {
  if (state.closed || actor.agency !== state.agencyId) return [];
  return actionsFrom(workflow, state.status).filter(
    (a) => !a.roles.includes('CITIZEN') && roleMay(a, actor.role) && (actor.role !== 'OFFICER' || state.assigneeId === actor.id),
  );
}

/** A button: an action its caller can take now, named in both languages. */
export interface AllowedAction {
  code: string;
  nameId: string;
  nameEn: string;
  requiresNote: boolean;
  requiresOutputReference: boolean;
}

/** The actions every workflow has besides its own. */
export const CLAIM: AllowedAction = { code: 'CLAIM', nameId: 'Ambil', nameEn: 'Claim', requiresNote: false, requiresOutputReference: false };
export const CANCEL: AllowedAction = { code: 'CANCEL', nameId: 'Batalkan', nameEn: 'Cancel', requiresNote: false, requiresOutputReference: false };

/** What an application needs for its buttons (the read model has it; a folded stream too). */
export type ActionableApplication = Pick<Application, 'id' | 'status' | 'closed' | 'agencyId' | 'assigneeId' | 'version'>;

const allowed = (a: WorkflowAction): AllowedAction => ({
  code: a.code,
  nameId: a.nameId,
  nameEn: a.nameEn,
  requiresNote: !!a.requiresNote,
  requiresOutputReference: !!a.requiresOutputReference,
});

/** What its applicant can do now: answer a revision request (resubmit), cancel while nothing is final. */
export function applicantActions(workflow: Workflow, state: ActionableApplication): AllowedAction[] {
  if (state.closed) return [];
  const resubmit = citizenActionFrom(workflow, state.status);
  return [...(resubmit ? [allowed(resubmit)] : []), ...(isCancellable(workflow, state.status) ? [CANCEL] : [])];
}

/**
 * What a member of the agency's staff can do now: CLAIM when deciding a claim now would change
 * something (the decider is asked, its rule is not copied) and the state has work to do, then the
 * workflow's actions their role may take.
 */
export function staffActions(workflow: Workflow, state: ActionableApplication, actor: ApplicationActor): AllowedAction[] {
  if (state.closed) return [];
  const actions = availableActions(workflow, state as Application, actor).map(allowed);
  const hasWork = actionsFrom(workflow, state.status).length > 0;
  return hasWork && claimWouldChange(workflow, state as Application, actor) ? [CLAIM, ...actions] : actions;
}

function claimWouldChange(workflow: Workflow, state: Application, actor: ApplicationActor): boolean {
  try {
    return (
      claim({ type: 'ClaimApplication', data: { expectedVersion: state.version, workflow }, metadata: { now: new Date(0), actor } }, state).length > 0
    );
  } catch {
    return false;
  }
}
