import { idKind } from '@serang/domain';
import type { Aggregate, Command } from '@serang/eventstore';
import { slaDueAt, slaWarnAt, type WorkingDayCalendar } from '../../domain/working-days';
import type { ComplaintEvent } from './complaint.events';
import {
  AnonymousCannotReferenceApplication,
  ComplaintActionForbidden,
  ComplaintActionNotAvailable,
  ComplaintAlreadyFiled,
  ComplaintHeldByAnother,
  ComplaintInputInvalid,
  ComplaintNotFound,
  ComplaintVersionConflict,
  LaporReferralNotAllowed,
  ReopenNotAllowed,
} from './complaint.errors';

/** A complaint's id (a UUID), parsed once at the edge: anything else names no complaint. */
export const ComplaintId = idKind<'ComplaintId'>(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, () => new ComplaintNotFound());
export type ComplaintId = ReturnType<typeof ComplaintId.from>;

/** received → verified → forwarded → in progress → answered → closed (SP4N-LAPOR!'s lifecycle). */
export const COMPLAINT_STATUSES = ['RECEIVED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_ACTIONS = ['VERIFY', 'FORWARD', 'TAKE_UP', 'ANSWER', 'REOPEN', 'CLOSE'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** The citizen may reopen once, within this many days of the answer. */
export const REOPEN_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who acts, as the access token says. A complainant of an anonymous complaint acts under its pseudonym. */
export interface ComplaintActor {
  id: string;
  role: string;
  agency?: string;
}

/** Who is asking, as far as a complaint cares: the actor, and (citizens) their owner digest of this complaint. */
export interface ComplaintCaller {
  actor: ComplaintActor;
  /** The caller's keyed digest for this complaint (application layer, vault): equal to the filing's when they filed it. */
  ownerDigest?: string;
}

export interface ComplaintStep {
  status: ComplaintStatus;
  action: string;
  at: Date;
  actorRole: string;
  /** The agency it was with after the step ('' before routing). */
  agencyId: string;
  version: number;
}

/** A complaint (pengaduan) as its events tell it. Holds ciphertexts only. */
export interface Complaint {
  id: string;
  status: ComplaintStatus;
  /** Steps so far (the clock's SLA events are not steps). */
  version: number;
  revision: number;
  pseudonym: string;
  categoryCode: string;
  slaWorkingDays: number;
  /** Null while nobody has routed it ("I don't know which agency"). */
  agencyId: string | null;
  anonymous: boolean;
  confidential: boolean;
  /** Null for an anonymous complaint. */
  complainantId: string | null;
  complainantCiphertext: string;
  ownerDigest: string;
  textCiphertext: string;
  locationCiphertext: string | null;
  attachmentIds: string[];
  applicationId: string | null;
  filedAt: Date;
  dueAt: Date | null;
  warnAt: Date | null;
  warned: boolean;
  breached: boolean;
  assigneeId: string | null;
  answerCiphertext: string | null;
  answeredAt: Date | null;
  reopened: boolean;
  reopenReasonCiphertext: string | null;
  /** SP4N-LAPOR!'s tracking number once referred there. */
  laporTrackingId: string | null;
  timeline: ComplaintStep[];
}

export type ComplaintState = { status: 'NONE'; version: 0; revision: 0; id?: undefined } | Complaint;
export const initialComplaintState: ComplaintState = { status: 'NONE', version: 0, revision: 0 };
export const isFiled = (state: ComplaintState): state is Complaint => state.id !== undefined;

/** A category as the filing needs it (platform admins configure them; request seeds a list). */
export interface CategoryTerms {
  code: string;
  slaWorkingDays: number;
}

type Meta = Command['metadata'] & { actor: ComplaintActor };

/** A citizen files a complaint; everything personal arrives sealed, the pseudonym and digest made by the caller. */
export type FileComplaint = {
  type: 'FileComplaint';
  data: {
    complaintId: string;
    pseudonym: string;
    category: CategoryTerms;
    /** Null: "I don't know which agency" (platform admins route it). */
    agencyId: string | null;
    anonymous: boolean;
    confidential: boolean;
    complainantId: string;
    complainantCiphertext: string;
    ownerDigest: string;
    textCiphertext: string;
    locationCiphertext: string | null;
    attachmentIds: readonly string[];
    /** One of the complainant's own applications (checked by the caller against the read model), with its agency. */
    application: { id: string; agencyId: string } | null;
    calendar: WorkingDayCalendar;
  };
  metadata: Meta;
};
/**
 * What every action on a filed complaint names: the version the caller saw, and — for a citizen —
 * their keyed digest of this complaint (made by the application layer), by which the complainant
 * of an anonymous complaint is recognised without being named.
 */
export interface ActionData {
  expectedVersion: number;
  ownerDigest?: string;
}
/** Platform admin triage: the complaint is a complaint, and goes to `agencyId` (required when nobody named one). */
export type VerifyComplaint = { type: 'VerifyComplaint'; data: ActionData & { agencyId: string | null }; metadata: Meta };
/** To the agency chosen at triage, or from the wrong door on to the right one. */
export type ForwardComplaint = { type: 'ForwardComplaint'; data: ActionData & { toAgencyId: string | null; reason: string }; metadata: Meta };
export type TakeUpComplaint = { type: 'TakeUpComplaint'; data: ActionData; metadata: Meta };
export type AnswerComplaint = { type: 'AnswerComplaint'; data: ActionData & { answerCiphertext: string }; metadata: Meta };
export type ReopenComplaint = {
  type: 'ReopenComplaint';
  data: ActionData & { reasonCiphertext: string; calendar: WorkingDayCalendar };
  metadata: Meta;
};
export type CloseComplaint = { type: 'CloseComplaint'; data: ActionData; metadata: Meta };
/** A platform admin referred it to SP4N-LAPOR!; the answer of its API (the port was called first) comes in the command. */
export type ReferToLapor = { type: 'ReferToLapor'; data: { laporId: string; laporTrackingId: string }; metadata: Meta };
/** The scheduler's round for one complaint: warning, breach, or both, as the time says. */
export type CheckComplaintSla = { type: 'CheckComplaintSla'; data: Record<string, never>; metadata: Meta };

export type ComplaintCommand =
  | FileComplaint
  | VerifyComplaint
  | ForwardComplaint
  | TakeUpComplaint
  | AnswerComplaint
  | ReopenComplaint
  | CloseComplaint
  | ReferToLapor
  | CheckComplaintSla;

/** Who raises SLA warnings and breaches: the clock. */
export const COMPLAINT_SLA_CLOCK: ComplaintActor = { id: 'complaint-sla-scheduler', role: 'SYSTEM' };

const ACTION_OF: Record<Exclude<ComplaintCommand['type'], 'FileComplaint' | 'CheckComplaintSla' | 'ReferToLapor'>, ComplaintAction> = {
  VerifyComplaint: 'VERIFY',
  ForwardComplaint: 'FORWARD',
  TakeUpComplaint: 'TAKE_UP',
  AnswerComplaint: 'ANSWER',
  ReopenComplaint: 'REOPEN',
  CloseComplaint: 'CLOSE',
};

/** Statuses in which a complaint is with an agency (its staff see it). */
const WITH_AGENCY: readonly ComplaintStatus[] = ['FORWARDED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED'];
/** Statuses the SLA clock runs in: until the agency answers. */
const CLOCK_RUNS: readonly ComplaintStatus[] = ['RECEIVED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS'];

const isStaff = (actor: ComplaintActor): boolean => actor.role === 'OFFICER' || actor.role === 'AGENCY_ADMIN';
const isPlatformAdmin = (actor: ComplaintActor): boolean => actor.role === 'PLATFORM_ADMIN';
const isComplainant = (state: Complaint, caller: ComplaintCaller): boolean =>
  caller.actor.role === 'CITIZEN' && !!caller.ownerDigest && caller.ownerDigest === state.ownerDigest;

/**
 * Who may see this complaint at all: its complainant, platform admins, and the officers and
 * admins of the agency it has been forwarded to (not before, and no longer once forwarded on).
 * Everyone else gets NOT_FOUND, exactly as for no complaint.
 */
export function maySee(state: Complaint, caller: ComplaintCaller): boolean {
  if (isComplainant(state, caller) || isPlatformAdmin(caller.actor)) return true;
  return isStaff(caller.actor) && caller.actor.agency === state.agencyId && WITH_AGENCY.includes(state.status);
}

/**
 * Why this caller may not take this action now (null: they may). The one rule behind both the
 * decider and the buttons a client shows (`complaintActions`); input (a missing answer) is checked
 * by the decider alone.
 */
export function refusal(action: ComplaintAction, state: Complaint, caller: ComplaintCaller, now: Date): Error | null {
  const { actor } = caller;
  if (!maySee(state, caller)) return new ComplaintNotFound();
  const from = (...statuses: ComplaintStatus[]) => (statuses.includes(state.status) ? null : new ComplaintActionNotAvailable(action, state.status));
  const forbidden = new ComplaintActionForbidden(action);
  switch (action) {
    case 'VERIFY':
      return from('RECEIVED') ?? (isPlatformAdmin(actor) ? null : forbidden);
    case 'FORWARD':
      if (state.status === 'VERIFIED') return isPlatformAdmin(actor) ? null : forbidden;
      return from('FORWARDED', 'IN_PROGRESS') ?? (isPlatformAdmin(actor) || isStaff(actor) ? null : forbidden);
    case 'TAKE_UP':
      if (!isStaff(actor)) return from('FORWARDED', 'IN_PROGRESS') ?? forbidden;
      if (state.status === 'IN_PROGRESS') {
        if (state.assigneeId === actor.id) return new ComplaintActionNotAvailable(action, state.status);
        return actor.role === 'AGENCY_ADMIN' ? null : new ComplaintHeldByAnother();
      }
      return from('FORWARDED');
    case 'ANSWER':
      if (!isStaff(actor)) return from('IN_PROGRESS') ?? forbidden;
      return from('IN_PROGRESS') ?? (actor.role === 'AGENCY_ADMIN' || state.assigneeId === actor.id ? null : new ComplaintHeldByAnother());
    case 'REOPEN': {
      const notHere = from('ANSWERED') ?? (isComplainant(state, caller) ? null : forbidden);
      if (notHere) return notHere;
      if (state.reopened) return new ReopenNotAllowed('ALREADY_REOPENED', REOPEN_WINDOW_DAYS);
      return now.getTime() - state.answeredAt!.getTime() > REOPEN_WINDOW_DAYS * DAY_MS
        ? new ReopenNotAllowed('WINDOW_PASSED', REOPEN_WINDOW_DAYS)
        : null;
    }
    case 'CLOSE':
      return from('ANSWERED') ?? (isComplainant(state, caller) || isPlatformAdmin(actor) ? null : forbidden);
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${String(unknown)}`);
    }
  }
}

/**
 * Whether this caller may refer the complaint to SP4N-LAPOR! now (null: they may): platform admins,
 * once, after triage. Asked before the national system is called, and again by the decider.
 */
export function laporReferralRefusal(state: Complaint, actor: ComplaintActor): Error | null {
  if (!maySee(state, { actor })) return new ComplaintNotFound();
  if (!isPlatformAdmin(actor)) return new ComplaintActionForbidden('REFER_TO_LAPOR');
  if (state.status === 'RECEIVED') return new LaporReferralNotAllowed('NOT_VERIFIED');
  return state.laporTrackingId ? new LaporReferralNotAllowed('ALREADY_REFERRED') : null;
}

/** The actions the caller may take now (what a client shows as buttons). */
export function complaintActions(state: Complaint, caller: ComplaintCaller, now: Date): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => refusal(a, state, caller, now) === null);
}

/**
 * Decides what a citizen's, platform admin's, officer's or the clock's command does to one
 * complaint. Pure: no I/O, no clock (time and caller come in the command).
 */
export function decideComplaint(command: ComplaintCommand, state: ComplaintState): ComplaintEvent[] {
  if (command.type === 'FileComplaint') return file(command, state);
  if (!isFiled(state)) throw new ComplaintNotFound();
  if (command.type === 'CheckComplaintSla') return checkSla(state, command.metadata.now);
  if (command.type === 'ReferToLapor') {
    const refused = laporReferralRefusal(state, command.metadata.actor);
    if (refused) throw refused;
    const { actor, now } = command.metadata;
    return [{ type: 'ComplaintReferredToLapor', data: { complaintId: state.id, ...command.data, actorId: actor.id, at: now.toISOString() } }];
  }
  const { actor, now } = command.metadata;
  const caller: ComplaintCaller = { actor, ownerDigest: command.data.ownerDigest };
  if (!maySee(state, caller)) throw new ComplaintNotFound();
  if (command.data.expectedVersion !== state.version) throw new ComplaintVersionConflict(command.data.expectedVersion, state.version);
  const refused = refusal(ACTION_OF[command.type], state, caller, now);
  if (refused) throw refused;
  const step = { complaintId: state.id, version: state.version + 1, at: now.toISOString() };
  switch (command.type) {
    case 'VerifyComplaint': {
      const agencyId = command.data.agencyId ?? state.agencyId;
      if (!agencyId) throw new ComplaintInputInvalid({ agencyId: 'COMPLAINT.AGENCY_REQUIRED' });
      return [{ type: 'ComplaintVerified', data: { ...step, agencyId, actorId: actor.id, actorRole: actor.role } }];
    }
    case 'ForwardComplaint': {
      const toAgencyId = command.data.toAgencyId ?? (state.status === 'VERIFIED' ? state.agencyId : null);
      if (!toAgencyId) throw new ComplaintInputInvalid({ toAgencyId: 'COMPLAINT.AGENCY_REQUIRED' });
      if (state.status !== 'VERIFIED' && toAgencyId === state.agencyId) throw new ComplaintInputInvalid({ toAgencyId: 'COMPLAINT.SAME_AGENCY' });
      const fromAgencyId = state.status === 'VERIFIED' ? '' : (state.agencyId ?? '');
      return [
        {
          type: 'ComplaintForwarded',
          data: { ...step, fromAgencyId, toAgencyId, actorId: actor.id, actorRole: actor.role, reason: command.data.reason },
        },
      ];
    }
    case 'TakeUpComplaint':
      return [{ type: 'ComplaintTakenUp', data: { ...step, agencyId: state.agencyId!, officerId: actor.id, officerRole: actor.role } }];
    case 'AnswerComplaint':
      if (!command.data.answerCiphertext) throw new ComplaintInputInvalid({ text: 'COMPLAINT.ANSWER_REQUIRED' });
      return [
        {
          type: 'ComplaintAnswered',
          data: { ...step, agencyId: state.agencyId!, actorId: actor.id, actorRole: actor.role, answerCiphertext: command.data.answerCiphertext },
        },
      ];
    case 'ReopenComplaint': {
      // The agency gets the category's full working time again, counted from the reopening.
      const dueAt = slaDueAt(now, state.slaWorkingDays, command.data.calendar);
      return [
        {
          type: 'ComplaintReopened',
          data: {
            ...step,
            agencyId: state.agencyId!,
            reasonCiphertext: command.data.reasonCiphertext,
            dueAt: dueAt.toISOString(),
            warnAt: slaWarnAt(now, dueAt, command.data.calendar).toISOString(),
          },
        },
      ];
    }
    case 'CloseComplaint':
      // The complainant's own role is never written as theirs: CITIZEN says nothing about who.
      return [{ type: 'ComplaintClosed', data: { ...step, agencyId: state.agencyId!, actorRole: actor.role } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function file(command: FileComplaint, state: ComplaintState): ComplaintEvent[] {
  const { data, metadata } = command;
  if (isFiled(state)) throw new ComplaintAlreadyFiled();
  if (metadata.actor.role !== 'CITIZEN') throw new ComplaintActionForbidden('FILE');
  if (data.anonymous && data.application) throw new AnonymousCannotReferenceApplication();
  // About an application and no agency named: the application's agency is the door.
  const agencyId = data.agencyId ?? data.application?.agencyId ?? '';
  const dueAt = slaDueAt(metadata.now, data.category.slaWorkingDays, data.calendar);
  return [
    {
      type: 'ComplaintFiled',
      data: {
        complaintId: data.complaintId,
        pseudonym: data.pseudonym,
        categoryCode: data.category.code,
        slaWorkingDays: data.category.slaWorkingDays,
        agencyId,
        anonymous: data.anonymous,
        confidential: data.confidential,
        complainantId: data.anonymous ? '' : data.complainantId,
        complainantCiphertext: data.complainantCiphertext,
        ownerDigest: data.ownerDigest,
        textCiphertext: data.textCiphertext,
        locationCiphertext: data.locationCiphertext ?? '',
        attachmentIds: [...data.attachmentIds],
        applicationId: data.application?.id ?? '',
        filedAt: metadata.now.toISOString(),
        dueAt: dueAt.toISOString(),
        warnAt: slaWarnAt(metadata.now, dueAt, data.calendar).toISOString(),
      },
    },
  ];
}

function checkSla(state: Complaint, now: Date): ComplaintEvent[] {
  if (!CLOCK_RUNS.includes(state.status) || !state.dueAt) return [];
  const base = {
    complaintId: state.id,
    agencyId: state.agencyId ?? '',
    dueAt: state.dueAt.toISOString(),
    at: now.toISOString(),
    version: state.version,
  };
  const events: ComplaintEvent[] = [];
  if (!state.warned && state.warnAt && state.warnAt <= now) events.push({ type: 'ComplaintSlaWarningRaised', data: base });
  if (!state.breached && state.dueAt < now) events.push({ type: 'ComplaintSlaBreached', data: base });
  return events;
}

/** Folds one event into the state; replaying a stream always gives the same complaint. */
export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintFiled') {
    const d = event.data;
    const filedAt = new Date(d.filedAt);
    return {
      id: d.complaintId,
      status: 'RECEIVED',
      version: 1,
      revision: state.revision + 1,
      pseudonym: d.pseudonym,
      categoryCode: d.categoryCode,
      slaWorkingDays: d.slaWorkingDays,
      agencyId: d.agencyId || null,
      anonymous: d.anonymous,
      confidential: d.confidential,
      complainantId: d.complainantId || null,
      complainantCiphertext: d.complainantCiphertext,
      ownerDigest: d.ownerDigest,
      textCiphertext: d.textCiphertext,
      locationCiphertext: d.locationCiphertext || null,
      attachmentIds: d.attachmentIds,
      applicationId: d.applicationId || null,
      filedAt,
      dueAt: new Date(d.dueAt),
      warnAt: new Date(d.warnAt),
      warned: false,
      breached: false,
      assigneeId: null,
      answerCiphertext: null,
      answeredAt: null,
      reopened: false,
      reopenReasonCiphertext: null,
      laporTrackingId: null,
      timeline: [{ status: 'RECEIVED', action: 'FILE', at: filedAt, actorRole: 'CITIZEN', agencyId: d.agencyId, version: 1 }],
    };
  }
  if (!isFiled(state)) return state;
  if (event.type === 'ComplaintSlaWarningRaised') return { ...state, revision: state.revision + 1, warned: true };
  if (event.type === 'ComplaintSlaBreached') return { ...state, revision: state.revision + 1, breached: true };
  if (event.type === 'ComplaintReferredToLapor') return { ...state, revision: state.revision + 1, laporTrackingId: event.data.laporTrackingId };
  const s = { ...state, version: state.version + 1, revision: state.revision + 1 };
  const step = (status: ComplaintStatus, action: ComplaintAction, at: string, actorRole: string, agencyId = s.agencyId ?? ''): Complaint => ({
    ...s,
    status,
    timeline: [...s.timeline, { status, action, at: new Date(at), actorRole, agencyId, version: s.version }],
  });
  switch (event.type) {
    case 'ComplaintVerified':
      return { ...step('VERIFIED', 'VERIFY', event.data.at, event.data.actorRole, event.data.agencyId), agencyId: event.data.agencyId };
    case 'ComplaintForwarded':
      return {
        ...step('FORWARDED', 'FORWARD', event.data.at, event.data.actorRole, event.data.toAgencyId),
        agencyId: event.data.toAgencyId,
        assigneeId: null,
      };
    case 'ComplaintTakenUp':
      return { ...step('IN_PROGRESS', 'TAKE_UP', event.data.at, event.data.officerRole), assigneeId: event.data.officerId };
    case 'ComplaintAnswered':
      return {
        ...step('ANSWERED', 'ANSWER', event.data.at, event.data.actorRole),
        answerCiphertext: event.data.answerCiphertext,
        answeredAt: new Date(event.data.at),
      };
    case 'ComplaintReopened':
      return {
        ...step('IN_PROGRESS', 'REOPEN', event.data.at, 'CITIZEN'),
        reopened: true,
        reopenReasonCiphertext: event.data.reasonCiphertext || null,
        dueAt: new Date(event.data.dueAt),
        warnAt: new Date(event.data.warnAt),
        warned: false,
        breached: false,
      };
    case 'ComplaintClosed':
      return step('CLOSED', 'CLOSE', event.data.at, event.data.actorRole);
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/** A complaint on the one write path: stream `complaint-<id>` (docs/write-path.md). */
export const ComplaintAggregate: Aggregate<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  category: 'complaint',
  initialState: initialComplaintState,
  decide: (command, state) => decideComplaint(command, state),
  evolve: (state, event) => evolveComplaint(state, event),
};
