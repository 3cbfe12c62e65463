import { decodeEvent, encodeEvent } from '@serang/contracts';
import { SERVICES } from '@serang/service-definition/src/seeds';
import { actionsFrom, citizenActionFrom, startState, stateOf, type Workflow, type WorkflowAction } from '@serang/service-definition';
import {
  applicantActions,
  decide,
  evolve,
  initialState,
  SLA_CLOCK,
  staffActions,
  type Application,
  type ApplicationActor,
  type ApplicationCommand,
  type ApplicationState,
  type RunningService,
} from '../src/domain/application.decider';
import type { ApplicationEvent } from '../src/domain/application.events';
import { ApplicationNotFound, InputInvalid } from '../src/domain/request.errors';
import { newTrackingNumber } from '../src/domain/tracking-number';
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
} from '../src/domain/workflow.errors';
import { workingDayCalendar } from '../src/domain/working-days';

/**
 * The workflow engine specified against every seeded service definition: each state reachable
 * from the start, each action of the workflow, each kind of caller — what is allowed happens,
 * everything else is refused with its own reason. Then the loops and ends: revision and
 * resubmission with the SLA clock paused, cancellation, terminal states, concurrent versions.
 */
const calendar = workingDayCalendar([]);
const monday = new Date('2026-03-02T02:00:00.000Z'); // 09:00 WIB
const later = (hours: number) => new Date(monday.getTime() + hours * 3600_000);
const applicant: ApplicationActor = { id: 'citizen-1', role: 'CITIZEN' };
const fold = (events: ApplicationEvent[]) => events.reduce(evolve, initialState as ApplicationState) as Application;

const actors = (agencyId: string) => ({
  officer: { id: 'officer-1', role: 'OFFICER', agency: agencyId },
  otherOfficer: { id: 'officer-2', role: 'OFFICER', agency: agencyId },
  admin: { id: 'admin-1', role: 'AGENCY_ADMIN', agency: agencyId },
  system: { id: 'system-1', role: 'AGENCY_SYSTEM', agency: agencyId },
  foreignOfficer: { id: 'officer-9', role: 'OFFICER', agency: 'another-agency' },
  applicant,
  stranger: { id: 'citizen-2', role: 'CITIZEN' },
});
type Who = keyof ReturnType<typeof actors>;

function serviceOf(seed: (typeof SERVICES)[number]): RunningService {
  return {
    serviceId: seed.id,
    version: 1,
    agencyId: seed.agencyId,
    slaWorkingDays: seed.definition.slaWorkingDays,
    workflow: seed.definition.workflow,
  };
}

function submitted(service: RunningService): ApplicationEvent[] {
  const trackingNumber = newTrackingNumber('SRG', monday, Buffer.from('abcdef'));
  return decide(
    {
      type: 'SubmitApplication',
      data: { applicationId: 'app-1', trackingNumber, service, formCiphertext: 'vault:v1:f', documents: [], calendar },
      metadata: { now: monday, actor: applicant },
    },
    initialState,
  );
}

/** Events that bring an application from the start to every reachable state (shortest paths, taken by whoever may). */
function pathsToStates(service: RunningService): Map<string, ApplicationEvent[]> {
  const { workflow, agencyId } = service;
  const who = actors(agencyId);
  const paths = new Map<string, ApplicationEvent[]>([[startState(workflow).code, submitted(service)]]);
  const queue = [startState(workflow).code];
  while (queue.length) {
    const from = queue.shift()!;
    const history = paths.get(from)!;
    for (const action of workflow.actions.filter((a) => a.from.includes(from) && !paths.has(a.to))) {
      const state = fold(history);
      const step = action.roles.includes('CITIZEN')
        ? decide(
            {
              type: 'ResubmitApplication',
              data: { formCiphertext: 'vault:v1:f2', documents: [], workflow, calendar },
              metadata: { now: later(history.length), actor: applicant },
            },
            state,
          )
        : decide(take(action, state, who.admin, workflow, later(history.length)), state);
      paths.set(action.to, [...history, ...step]);
      queue.push(action.to);
    }
  }
  return paths;
}

function take(action: WorkflowAction, state: Application, actor: ApplicationActor, workflow: Workflow, now = later(1)): ApplicationCommand {
  return {
    type: 'TakeAction',
    data: {
      action: action.code,
      expectedVersion: state.version,
      noteCiphertext: action.requiresNote ? 'vault:v1:note' : undefined,
      outputReferenceCiphertext: action.requiresOutputReference ? 'vault:v1:out' : undefined,
      workflow,
      calendar,
    },
    metadata: { now, actor },
  };
}

/** The rules of docs/service-definitions.md "Running an application", as a table. */
function expected(action: WorkflowAction, state: Application, who: Who): string {
  if (who === 'foreignOfficer' || who === 'applicant' || who === 'stranger') return ApplicationNotFound.name;
  if (state.closed) return ApplicationClosed.name;
  if (!action.from.includes(state.status)) return ActionNotAvailable.name;
  const role = actors(state.agencyId)[who].role as WorkflowAction['roles'][number];
  const mayRole = action.roles.includes(role) || (role === 'AGENCY_ADMIN' && action.roles.includes('OFFICER'));
  if (action.roles.includes('CITIZEN') || !mayRole) return ActionForbidden.name;
  if (role === 'OFFICER' && state.assigneeId !== actors(state.agencyId)[who].id) return NotClaimed.name;
  return `→ ${action.to}`;
}

function outcome(run: () => ApplicationEvent[]): string {
  try {
    const [event] = run();
    return event?.type === 'ApplicationTransitioned' ? `→ ${event.data.toStatus}` : `${event?.type}`;
  } catch (e) {
    return (e as Error).constructor.name;
  }
}

describe.each(SERVICES.map((s) => [s.id, s] as const))('workflow engine on the seeded service %s', (_id, seed) => {
  const service = serviceOf(seed);
  const { workflow } = service;
  const who = actors(service.agencyId);
  const paths = pathsToStates(service);

  it('reaches every state of the workflow from the start', () => {
    expect([...paths.keys()].sort()).toEqual(workflow.states.map((s) => s.code).sort());
  });

  it('decides only events that match their protobuf contracts field for field (Kafka mode relays them)', () => {
    for (const event of [...paths.values()].flat()) expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
  });

  it('allows exactly what the workflow gives each role in each state, and refuses the rest with its reason', () => {
    const mismatches: string[] = [];
    for (const [status, history] of paths) {
      const unclaimed = fold(history);
      const claimed =
        stateOf(workflow, status)?.needsCitizen || unclaimed.closed
          ? unclaimed
          : fold([
              ...history,
              ...decide(
                {
                  type: 'ClaimApplication',
                  data: { expectedVersion: unclaimed.version, workflow },
                  metadata: { now: later(50), actor: who.officer },
                },
                unclaimed,
              ),
            ]);
      for (const state of [unclaimed, claimed]) {
        for (const action of workflow.actions) {
          for (const w of Object.keys(who) as Who[]) {
            const want = expected(action, state, w);
            const got = outcome(() => decide(take(action, state, who[w], workflow), state));
            if (want !== got)
              mismatches.push(`${status}${state.assigneeId ? ' (claimed)' : ''}: ${action.code} by ${w}: expected ${want}, got ${got}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('offers as buttons exactly the staff actions and claims the decider would accept, in every state, to every caller', () => {
    const mismatches: string[] = [];
    for (const [status, history] of paths) {
      const state = fold(history);
      for (const w of Object.keys(who) as Who[]) {
        const actor = who[w];
        const offered = (actor.role === 'CITIZEN' ? [] : staffActions(workflow, state, actor)).map((a) => a.code).sort();
        const accepted = [
          ...workflow.actions
            .filter((a) => !a.roles.includes('CITIZEN') && a.from.includes(status))
            .filter((a) => decidesSomething(() => decide(take(a, state, actor, workflow), state)))
            .map((a) => a.code),
          ...(actionsFrom(workflow, status).length &&
          decidesSomething(() =>
            decide({ type: 'ClaimApplication', data: { expectedVersion: state.version, workflow }, metadata: { now: later(50), actor } }, state),
          )
            ? ['CLAIM']
            : []),
        ].sort();
        // Officers act on what they claimed: an unclaimed application offers them CLAIM first, not the actions.
        const acceptedNow = actor.role === 'OFFICER' ? accepted.filter((c) => c === 'CLAIM' || state.assigneeId === actor.id) : accepted;
        if (JSON.stringify(offered) !== JSON.stringify([...new Set(acceptedNow)].sort()))
          mismatches.push(`${status} for ${w}: offered ${offered}, accepted ${acceptedNow}`);
      }
      const applicantOffers = applicantActions(workflow, state).map((a) => a.code);
      const cancelAccepted = decidesSomething(() =>
        decide({ type: 'CancelApplication', data: { workflow }, metadata: { now: later(50), actor: applicant } }, state),
      );
      if (applicantOffers.includes('CANCEL') !== cancelAccepted)
        mismatches.push(`${status}: applicant offered ${applicantOffers}, cancel accepted ${cancelAccepted}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('lets officers and agency admins claim open work, not agency systems; an officer cannot take over, an admin can', () => {
    const state = fold(submitted(service));
    const claim = (s: Application, actor: ApplicationActor) =>
      decide({ type: 'ClaimApplication', data: { expectedVersion: s.version, workflow }, metadata: { now: later(2), actor } }, s);
    const [claimed] = claim(state, who.officer);
    expect(claimed).toMatchObject({ type: 'ApplicationClaimed', data: { officerId: who.officer.id, version: 2 } });
    const held = fold([...submitted(service), claimed]);
    expect(claim(held, who.officer)).toEqual([]); // already theirs
    expect(() => claim(held, who.otherOfficer)).toThrow(ClaimedByAnother);
    expect(claim(held, who.admin)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ officerId: who.admin.id, previousOfficerId: who.officer.id }) }),
    ]);
    expect(() => claim(state, who.system)).toThrow(ActionForbidden);
    expect(() => claim(state, who.foreignOfficer)).toThrow(ApplicationNotFound);
  });

  it('refuses an action on a version the officer no longer sees, and on a closed application', () => {
    const history = paths.get(startState(workflow).code)!;
    const state = fold(history);
    const action = workflow.actions.find((a) => a.from.includes(state.status) && !a.roles.includes('CITIZEN'))!;
    const command = take(action, state, who.admin, workflow) as Extract<ApplicationCommand, { type: 'TakeAction' }>;
    expect(() => decide({ ...command, data: { ...command.data, expectedVersion: state.version - 1 } }, state)).toThrow(VersionConflict);
    for (const terminal of workflow.states.filter((s) => s.terminal)) {
      const closed = fold(paths.get(terminal.code)!);
      expect(closed.closed).toBe(true);
      for (const a of workflow.actions) expect(() => decide(take(a, closed, who.admin, workflow), closed)).toThrow(ApplicationClosed);
      expect(() => decide({ type: 'CancelApplication', data: { workflow }, metadata: { now: later(60), actor: applicant } }, closed)).toThrow(
        NotCancellable,
      );
    }
  });

  it('lets the applicant cancel where the workflow allows it, only them, and a resend changes nothing', () => {
    for (const [status, history] of paths) {
      const state = fold(history);
      const s = stateOf(workflow, status)!;
      const cancel = (actor: ApplicationActor) =>
        decide({ type: 'CancelApplication', data: { workflow }, metadata: { now: later(70), actor } }, state);
      if (s.terminal || s.cancellable === false) {
        expect(() => cancel(applicant)).toThrow(NotCancellable);
        continue;
      }
      const events = cancel(applicant);
      expect(events).toEqual([expect.objectContaining({ type: 'ApplicationCancelled', data: expect.objectContaining({ fromStatus: status }) })]);
      const cancelled = fold([...history, ...events]);
      expect(cancelled).toMatchObject({ status: 'CANCELLED', closed: true });
      expect(decide({ type: 'CancelApplication', data: { workflow }, metadata: { now: later(71), actor: applicant } }, cancelled)).toEqual([]);
      expect(() => cancel(who.stranger)).toThrow(ApplicationNotFound);
      expect(() => cancel(who.officer)).toThrow(ApplicationNotFound);
    }
  });

  it('asks for a note and an output reference where the workflow says so, changing nothing without them', () => {
    for (const action of workflow.actions.filter((a) => a.requiresNote || a.requiresOutputReference)) {
      const from = action.from.find((f) => paths.has(f))!;
      const state = fold(paths.get(from)!);
      const bare = take(action, state, who.admin, workflow) as Extract<ApplicationCommand, { type: 'TakeAction' }>;
      expect(() => decide({ ...bare, data: { ...bare.data, noteCiphertext: undefined, outputReferenceCiphertext: undefined } }, state)).toThrow(
        InputInvalid,
      );
    }
  });
});

describe('revision loops and the SLA clock (seeded AK/1: 3 working days)', () => {
  const seed = SERVICES.find((s) => s.id === 'disnakertrans-ak1')!;
  const service = serviceOf(seed);
  const { workflow } = service;
  const who = actors(service.agencyId);
  const act = (events: ApplicationEvent[], code: string, actor: ApplicationActor, now: Date) => [
    ...events,
    ...decide(
      take(
        workflow.actions.find((a) => a.code === code)!,
        fold(events),
        actor,
        workflow,
        now,
      ),
      fold(events),
    ),
  ];
  const claim = (events: ApplicationEvent[], actor: ApplicationActor, now: Date) => [
    ...events,
    ...decide({ type: 'ClaimApplication', data: { expectedVersion: fold(events).version, workflow }, metadata: { now, actor } }, fold(events)),
  ];
  const resubmit = (events: ApplicationEvent[], now: Date) => [
    ...events,
    ...decide(
      {
        type: 'ResubmitApplication',
        data: { formCiphertext: 'vault:v1:fixed', documents: [{ requirement: 'KTP', documentId: 'doc-2' }], workflow, calendar },
        metadata: { now, actor: applicant },
      },
      fold(events),
    ),
  ];

  it('pauses the clock while waiting on the citizen and gives back the working days that were left', () => {
    let h = submitted(service); // Mon 2 March 09:00 WIB: due Thu 5 March, end of day
    expect(fold(h).dueAt).toEqual(new Date('2026-03-05T16:59:59.999Z'));
    h = claim(h, who.officer, later(1));
    h = act(h, 'START_VERIFICATION', who.officer, later(2));
    h = act(h, 'REQUEST_REVISION', who.officer, new Date('2026-03-03T03:00:00Z')); // Tue 10:00: Wed and Thu are left
    expect(fold(h)).toMatchObject({ status: 'REVISION_REQUESTED', dueAt: null, pausedRemainingWorkingDays: 2 });
    expect(() =>
      decide(
        take(
          workflow.actions.find((a) => a.code === 'APPROVE')!,
          fold(h),
          who.officer,
          workflow,
        ),
        fold(h),
      ),
    ).toThrow(ActionNotAvailable);
    expect(() =>
      decide(
        { type: 'ClaimApplication', data: { expectedVersion: fold(h).version, workflow }, metadata: { now: later(3), actor: who.admin } },
        fold(h),
      ),
    ).toThrow(AwaitingCitizen);

    h = resubmit(h, new Date('2026-03-09T02:00:00Z')); // Mon 9 March 09:00: two working days from here
    const back = fold(h);
    expect(back).toMatchObject({
      status: citizenActionFrom(workflow, 'REVISION_REQUESTED')!.to,
      formCiphertext: 'vault:v1:fixed',
      pausedRemainingWorkingDays: null,
    });
    expect(back.dueAt).toEqual(new Date('2026-03-11T16:59:59.999Z')); // Wed 11 March, end of day
    expect(back.timeline.map((t) => t.action)).toEqual(['SUBMIT', 'CLAIM', 'START_VERIFICATION', 'REQUEST_REVISION', 'RESUBMIT']);
    expect(() => resubmit(h, later(200))).toThrow(NotAwaitingCitizen);

    // A second round, then approval and completion by the agency's system with the card's number.
    h = act(h, 'REQUEST_REVISION', who.officer, new Date('2026-03-10T02:00:00Z'));
    h = resubmit(h, new Date('2026-03-10T05:00:00Z'));
    h = act(h, 'APPROVE', who.officer, new Date('2026-03-10T06:00:00Z'));
    h = act(h, 'COMPLETE', who.system, new Date('2026-03-10T07:00:00Z'));
    expect(fold(h)).toMatchObject({ status: 'COMPLETED', closed: true, outputReferenceCiphertext: 'vault:v1:out' });
    const last = h[h.length - 1];
    expect(last).toMatchObject({ type: 'ApplicationTransitioned', data: { outcome: 'COMPLETED', actorRole: 'AGENCY_SYSTEM' } });
    for (const event of h) expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
  });

  it('raises the SLA warning at 80 % and the breach at the due time, each once, not while paused or closed', () => {
    const h = submitted(service);
    const state = fold(h);
    const warn = (s: Application, now: Date) => decide({ type: 'RaiseSlaWarning', data: {}, metadata: { now, actor: SLA_CLOCK } }, s);
    const breach = (s: Application, now: Date) => decide({ type: 'RecordSlaBreach', data: {}, metadata: { now, actor: SLA_CLOCK } }, s);
    const check = (s: Application, now: Date) => decide({ type: 'CheckSla', data: {}, metadata: { now, actor: SLA_CLOCK } }, s);
    expect(warn(state, new Date(state.warnAt!.getTime() - 1))).toEqual([]);
    const warned = warn(state, state.warnAt!);
    expect(warned).toEqual([expect.objectContaining({ type: 'ApplicationSlaWarningRaised', data: expect.objectContaining({ version: 1 }) })]);
    // The clock's events are not steps: an officer who saw version 1 still acts on version 1.
    const afterWarning = fold([...h, ...warned]);
    expect(afterWarning).toMatchObject({ version: 1, revision: 2 });
    const claimed = decide(
      { type: 'ClaimApplication', data: { expectedVersion: 1, workflow }, metadata: { now: later(101), actor: who.officer } },
      afterWarning,
    );
    expect(claimed).toEqual([expect.objectContaining({ type: 'ApplicationClaimed', data: expect.objectContaining({ version: 2 }) })]);
    expect(warn(fold([...h, ...warned]), later(100))).toEqual([]);
    expect(breach(state, state.dueAt!)).toEqual([]); // the due instant itself is still on time
    const breached = breach(fold([...h, ...warned]), new Date(state.dueAt!.getTime() + 1));
    expect(breached).toEqual([expect.objectContaining({ type: 'ApplicationSlaBreached' })]);
    expect(breach(fold([...h, ...warned, ...breached]), later(500))).toEqual([]);
    // The scheduler's check raises whatever is due, in order, once: both for an application it never warned.
    expect(check(state, new Date(state.dueAt!.getTime() + 1)).map((e) => e.type)).toEqual(['ApplicationSlaWarningRaised', 'ApplicationSlaBreached']);
    expect(check(fold([...h, ...warned]), new Date(state.dueAt!.getTime() + 1)).map((e) => e.type)).toEqual(['ApplicationSlaBreached']);
    expect(check(fold([...h, ...warned, ...breached]), later(500))).toEqual([]);
  });
});

function decidesSomething(run: () => unknown[]): boolean {
  try {
    return run().length > 0;
  } catch {
    return false;
  }
}
