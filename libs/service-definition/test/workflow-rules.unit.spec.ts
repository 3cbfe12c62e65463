import type { WorkflowAction, WorkflowState } from '../src';
import { broken, REMOVE, validDefinition } from './definition.fixture';
import { expectEverySeenProblemHasMessages, problemsOf, where } from './problems.helper';

const base = validDefinition();
const states = base.workflow.states;
const actions = base.workflow.actions;
const withStates = (list: WorkflowState[], actionList: WorkflowAction[] = actions) =>
  broken({ 'workflow.states': list, 'workflow.actions': actionList });
const staff = ['OFFICER', 'AGENCY_ADMIN'] as WorkflowAction['roles'];

describe('validateDefinition: workflow states (field rules)', () => {
  it('checks state codes: pattern, uniqueness, and the platform’s own CANCELLED', () => {
    expect(
      where(broken({ 'workflow.states.3.code': 'Disetujui', 'workflow.actions.3.to': 'REJECTED', 'workflow.actions.5.from': ['IN_REVIEW'] })),
    ).toEqual([['workflow.states.3.code', 'DEFINITION.CODE_INVALID']]);
    const cancelled = [...states, { code: 'CANCELLED', nameId: 'Batal', nameEn: 'Cancelled', terminal: true, outcome: 'REJECTED' as const }];
    expect(where(withStates(cancelled))).toEqual([['workflow.states.6.code', 'DEFINITION.CODE_RESERVED']]);
    const twice = [...states, { ...states[5] }];
    expect(where(withStates(twice))).toEqual([['workflow.states.6.code', 'DEFINITION.CODE_DUPLICATE']]);
  });

  it('needs exactly one start state, neither terminal nor waiting on the citizen', () => {
    expect(where(broken({ 'workflow.states.1.start': true }))).toEqual([['workflow.states', 'DEFINITION.START_STATE_COUNT']]);
    expect(problemsOf(broken({ 'workflow.states.0.start': REMOVE }))).toEqual([
      { path: 'workflow.states', reason: 'DEFINITION.START_STATE_COUNT', params: { count: 0 } },
    ]);
    expect(where(broken({ 'workflow.states.0.start': false, 'workflow.states.2.start': true }))).toEqual(
      expect.arrayContaining([['workflow.states.2.start', 'DEFINITION.START_STATE_INVALID']]),
    );
  });

  it('needs a terminal state, and every terminal state has an outcome and nothing officers or citizens work on', () => {
    const noEnd = states.map((s) => ({ ...s, terminal: undefined, outcome: undefined }));
    expect(where(withStates(noEnd, actions))).toEqual(expect.arrayContaining([['workflow.states', 'DEFINITION.TERMINAL_STATE_MISSING']]));
    expect(where(broken({ 'workflow.states.4.outcome': REMOVE }))).toEqual([['workflow.states.4.outcome', 'DEFINITION.OUTCOME_REQUIRED']]);
    expect(where(broken({ 'workflow.states.4.outcome': 'DONE' }))).toEqual([['workflow.states.4.outcome', 'DEFINITION.VALUE_NOT_ALLOWED']]);
    expect(where(broken({ 'workflow.states.1.outcome': 'COMPLETED' }))).toEqual([['workflow.states.1.outcome', 'DEFINITION.OUTCOME_NOT_TERMINAL']]);
    expect(where(broken({ 'workflow.states.5.slaWorkingDays': 1, 'workflow.states.5.cancellable': true }))).toEqual([
      ['workflow.states.5.slaWorkingDays', 'DEFINITION.NOT_ALLOWED_ON_TERMINAL'],
      ['workflow.states.5.cancellable', 'DEFINITION.NOT_ALLOWED_ON_TERMINAL'],
    ]);
    expect(where(broken({ 'workflow.states.5.needsCitizen': true }))).toEqual(
      expect.arrayContaining([['workflow.states.5.needsCitizen', 'DEFINITION.NOT_ALLOWED_ON_TERMINAL']]),
    );
  });

  it('lets only states officers work carry their own SLA', () => {
    expect(where(broken({ 'workflow.states.2.slaWorkingDays': 2 }))).toEqual([
      ['workflow.states.2.slaWorkingDays', 'DEFINITION.SLA_ON_CITIZEN_STATE'],
    ]);
    expect(where(broken({ 'workflow.states.1.slaWorkingDays': 400 }))).toEqual([
      ['workflow.states.1.slaWorkingDays', 'DEFINITION.WHOLE_NUMBER_RANGE'],
    ]);
  });

  it('checks flags, names and unknown fields of a state', () => {
    expect(where(broken({ 'workflow.states.2.needsCitizien': true }))).toEqual(
      expect.arrayContaining([['workflow.states.2.needsCitizien', 'DEFINITION.UNKNOWN_FIELD']]),
    );
    expect(where(broken({ 'workflow.states.3.cancellable': 'no' }))).toEqual([['workflow.states.3.cancellable', 'DEFINITION.NOT_BOOLEAN']]);
    expect(where(broken({ 'workflow.states.1.nameEn': '' }))).toEqual([['workflow.states.1.nameEn', 'DEFINITION.TEXT_LENGTH']]);
    expect(where(broken({ 'workflow.states': [] }))).toEqual([['workflow.states', 'DEFINITION.TOO_FEW']]);
    expect(where(broken({ 'workflow.actions': {} }))).toEqual([['workflow.actions', 'DEFINITION.NOT_LIST']]);
  });
});

describe('validateDefinition: workflow actions (field rules)', () => {
  it('names an action by its code in paths', () => {
    expect(where(broken({ 'workflow.actions.4.to': 'DITOLAK' }))).toEqual([['workflow.actions.REJECT.to', 'DEFINITION.STATE_UNKNOWN']]);
    expect(where(broken({ 'workflow.actions.4.from': ['IN_REVIEW', 'NOWHERE'] }))).toEqual([
      ['workflow.actions.REJECT.from.1', 'DEFINITION.STATE_UNKNOWN'],
    ]);
  });

  it('names an action by its index while its code is wrong or taken twice', () => {
    expect(where(broken({ 'workflow.actions.4.code': 'APPROVE' }))).toEqual([
      ['workflow.actions.3.code', 'DEFINITION.CODE_DUPLICATE'],
      ['workflow.actions.4.code', 'DEFINITION.CODE_DUPLICATE'],
    ]);
    expect(where(broken({ 'workflow.actions.4.code': 'tolak', 'workflow.actions.4.to': 'DITOLAK' }))).toEqual([
      ['workflow.actions.4.code', 'DEFINITION.CODE_INVALID'],
      ['workflow.actions.4.to', 'DEFINITION.STATE_UNKNOWN'],
    ]);
  });

  it('keeps the platform’s own actions for the platform', () => {
    for (const code of ['CLAIM', 'CANCEL', 'SUBMIT'])
      expect(where(broken({ 'workflow.actions.0.code': code }))).toEqual([[`workflow.actions.${code}.code`, 'DEFINITION.CODE_RESERVED']]);
  });

  it('lets no action leave a terminal state, and wants at least one state to leave', () => {
    expect(where(broken({ 'workflow.actions.5.from': ['APPROVED', 'REJECTED'] }))).toEqual([
      ['workflow.actions.COMPLETE.from.1', 'DEFINITION.ACTION_FROM_TERMINAL'],
    ]);
    expect(where(broken({ 'workflow.actions.5.from': [] }))).toEqual([['workflow.actions.COMPLETE.from', 'DEFINITION.TOO_FEW']]);
    expect(where(broken({ 'workflow.actions.5.from': ['APPROVED', 'APPROVED'] }))).toEqual([
      ['workflow.actions.COMPLETE.from.1', 'DEFINITION.DUPLICATE_VALUE'],
    ]);
    expect(where(broken({ 'workflow.actions.5.to': REMOVE }))).toEqual([['workflow.actions.COMPLETE.to', 'DEFINITION.REQUIRED']]);
  });

  it('checks roles: known, distinct, at least one', () => {
    expect(where(broken({ 'workflow.actions.3.roles': [] }))).toEqual([['workflow.actions.APPROVE.roles', 'DEFINITION.TOO_FEW']]);
    expect(where(broken({ 'workflow.actions.3.roles': ['OFFICER', 'KEPALA_DINAS'] }))).toEqual([
      ['workflow.actions.APPROVE.roles.1', 'DEFINITION.VALUE_NOT_ALLOWED'],
    ]);
    expect(where(broken({ 'workflow.actions.3.roles': ['OFFICER', 'OFFICER'] }))).toEqual([
      ['workflow.actions.APPROVE.roles.1', 'DEFINITION.DUPLICATE_VALUE'],
    ]);
    expect(where(broken({ 'workflow.actions.3.requiresNote': 1 }))).toEqual([['workflow.actions.APPROVE.requiresNote', 'DEFINITION.NOT_BOOLEAN']]);
  });

  it('keeps citizens’ actions apart: never with staff roles, only out of states that wait on them', () => {
    expect(where(broken({ 'workflow.actions.2.roles': ['CITIZEN', 'OFFICER'] }))).toEqual([
      ['workflow.actions.RESUBMIT.roles', 'DEFINITION.CITIZEN_ROLE_WITH_STAFF'],
    ]);
    expect(where(broken({ 'workflow.actions.2.from': ['REVISION_REQUESTED', 'IN_REVIEW'] }))).toEqual([
      ['workflow.actions.RESUBMIT.from.1', 'DEFINITION.CITIZEN_ACTION_NOT_FROM_WAITING'],
    ]);
  });

  it('wants exactly one citizen action out of a state that waits on the citizen', () => {
    const withdraw = {
      code: 'WITHDRAW_REVISION',
      nameId: 'Batal perbaiki',
      nameEn: 'Give up revision',
      from: ['REVISION_REQUESTED'],
      to: 'REJECTED',
      roles: ['CITIZEN'],
    } as WorkflowAction;
    expect(problemsOf(broken({ 'workflow.actions': [...actions, withdraw] }))).toEqual([
      { path: 'workflow.states.2', reason: 'DEFINITION.CITIZEN_ACTION_COUNT', params: { state: 'REVISION_REQUESTED', count: 2 } },
    ]);
    const officerOnly = actions.map((a) => (a.code === 'RESUBMIT' ? { ...a, roles: staff } : a));
    expect(where(broken({ 'workflow.actions': officerOnly }))).toEqual([['workflow.states.2', 'DEFINITION.CITIZEN_ACTION_COUNT']]);
  });
});

describe('validateDefinition: graph checks', () => {
  it('refuses a state that cannot be reached from the start', () => {
    const orphan = { code: 'ARCHIVED', nameId: 'Diarsipkan', nameEn: 'Archived', terminal: true, outcome: 'COMPLETED' as const };
    expect(problemsOf(withStates([...states, orphan]))).toEqual([
      { path: 'workflow.states.6', reason: 'DEFINITION.STATE_UNREACHABLE', params: { state: 'ARCHIVED' } },
    ]);
  });

  it('refuses a state no action leaves', () => {
    const limbo = { code: 'ON_HOLD', nameId: 'Ditunda', nameEn: 'On hold' };
    const hold = { code: 'HOLD', nameId: 'Tunda', nameEn: 'Put on hold', from: ['IN_REVIEW'], to: 'ON_HOLD', roles: staff } as WorkflowAction;
    expect(where(withStates([...states, limbo], [...actions, hold]))).toEqual([['workflow.states.6', 'DEFINITION.DEAD_END']]);
  });

  it('refuses a loop without a way out (a dead end), naming each state of it', () => {
    const loop = [
      { code: 'ON_HOLD', nameId: 'Ditunda', nameEn: 'On hold' },
      { code: 'ESCALATED', nameId: 'Dieskalasi', nameEn: 'Escalated' },
    ];
    const moves = [
      { code: 'HOLD', nameId: 'Tunda', nameEn: 'Put on hold', from: ['IN_REVIEW'], to: 'ON_HOLD', roles: staff },
      { code: 'ESCALATE', nameId: 'Eskalasi', nameEn: 'Escalate', from: ['ON_HOLD'], to: 'ESCALATED', roles: staff },
      { code: 'RETURN', nameId: 'Kembalikan', nameEn: 'Return', from: ['ESCALATED'], to: 'ON_HOLD', roles: staff },
    ] as WorkflowAction[];
    expect(problemsOf(withStates([...states, ...loop], [...actions, ...moves]))).toEqual([
      { path: 'workflow.states.6', reason: 'DEFINITION.DEAD_END', params: { state: 'ON_HOLD' } },
      { path: 'workflow.states.7', reason: 'DEFINITION.DEAD_END', params: { state: 'ESCALATED' } },
    ]);
    // One way out of the loop is enough.
    const exit = { code: 'RELEASE', nameId: 'Lanjutkan', nameEn: 'Release', from: ['ESCALATED'], to: 'IN_REVIEW', roles: staff } as WorkflowAction;
    expect(where(withStates([...states, ...loop], [...actions, ...moves, exit]))).toEqual([]);
  });

  it('accepts a revision loop, since the officer can still decide after the citizen resubmits', () => {
    expect(where(validDefinition())).toEqual([]);
  });

  it('checks the graph only once every reference is sound, so one typo is one problem', () => {
    expect(where(broken({ 'workflow.actions.0.to': 'IN_REVEIW' }))).toEqual([['workflow.actions.START_REVIEW.to', 'DEFINITION.STATE_UNKNOWN']]);
  });
});

describe('messages', () => {
  it('has an Indonesian and an English message for every problem seen here, with every placeholder filled', () => {
    expectEverySeenProblemHasMessages();
  });
});
