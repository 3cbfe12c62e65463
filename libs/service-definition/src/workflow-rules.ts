import { join, type ProblemList } from './definition.problems';
import { ACTION_ROLES, CANCELLED_STATE, RESERVED_ACTION_CODES } from './definition.types';
import { MAX_NAME_CHARS, MAX_SLA_WORKING_DAYS } from './document-rules';
import { booleanAt, CODE, codeAt, isObject, listAt, objectAt, onlyKnownKeys, subsetAt, textAt, wholeNumberAt, type Json } from './field-checks';
import { checkGraph, type GraphState } from './workflow-graph';

export const MAX_STATES = 50;
export const MAX_ACTIONS = 100;
const OUTCOMES = ['COMPLETED', 'REJECTED'];
const STATE_FIELDS = ['code', 'nameId', 'nameEn', 'start', 'terminal', 'outcome', 'needsCitizen', 'slaWorkingDays', 'cancellable'] as const;
const ACTION_FIELDS = ['code', 'nameId', 'nameEn', 'from', 'to', 'roles', 'requiresNote', 'requiresOutputReference'] as const;

/** The workflow's field rules, then (once its references are sound) its graph checks. */
export function checkWorkflow(p: ProblemList, wf: unknown): void {
  if (!objectAt(p, 'workflow', wf)) return;
  onlyKnownKeys(p, 'workflow', wf, ['states', 'actions']);
  const states = checkStates(p, wf.states);
  const edges = checkActions(p, wf.actions, states);
  if (!states || !edges) return;
  for (const s of states.values()) {
    if (!s.needsCitizen) continue;
    const count = edges.filter((e) => e.citizen && e.from.includes(s.code)).length;
    if (count !== 1) p.add(join('workflow.states', s.index), 'CITIZEN_ACTION_COUNT', { state: s.code, count });
  }
  if (edges.every((e) => e.sound)) checkGraph(p, [...states.values()], edges);
}

/** Valid states by code (the first of a duplicated code), or null when the list itself is unusable. */
function checkStates(p: ProblemList, list: unknown): Map<string, GraphState> | null {
  if (!listAt(p, 'workflow.states', list, 1, MAX_STATES)) return null;
  const states = new Map<string, GraphState>();
  let starts = 0;
  let terminals = 0;
  list.forEach((s, index) => {
    const path = join('workflow.states', index);
    if (!isObject(s)) return p.add(path, 'NOT_OBJECT');
    onlyKnownKeys(p, path, s, STATE_FIELDS);
    textAt(p, join(path, 'nameId'), s.nameId, MAX_NAME_CHARS);
    textAt(p, join(path, 'nameEn'), s.nameEn, MAX_NAME_CHARS);
    for (const flag of ['start', 'terminal', 'needsCitizen', 'cancellable'] as const) booleanAt(p, join(path, flag), s[flag]);
    const start = s.start === true;
    const terminal = s.terminal === true;
    const needsCitizen = s.needsCitizen === true;
    if (start) starts++;
    if (terminal) terminals++;
    checkStateFlags(p, path, s, { start, terminal, needsCitizen });
    if (!codeAt(p, join(path, 'code'), s.code)) return;
    if (s.code === CANCELLED_STATE) return p.add(join(path, 'code'), 'CODE_RESERVED', { code: s.code });
    if (states.has(s.code)) return p.add(join(path, 'code'), 'CODE_DUPLICATE', { code: s.code });
    states.set(s.code, { code: s.code, index, start, terminal, needsCitizen });
  });
  if (starts !== 1) p.add('workflow.states', 'START_STATE_COUNT', { count: starts });
  if (terminals === 0) p.add('workflow.states', 'TERMINAL_STATE_MISSING');
  return states;
}

function checkStateFlags(p: ProblemList, path: string, s: Json, f: { start: boolean; terminal: boolean; needsCitizen: boolean }): void {
  const state = typeof s.code === 'string' ? s.code : String(path.split('.').pop());
  if (f.start && (f.terminal || f.needsCitizen)) p.add(join(path, 'start'), 'START_STATE_INVALID', { state });
  if (f.terminal) {
    if (s.outcome === undefined) p.add(join(path, 'outcome'), 'OUTCOME_REQUIRED', { state });
    else if (typeof s.outcome !== 'string' || !OUTCOMES.includes(s.outcome))
      p.add(join(path, 'outcome'), 'VALUE_NOT_ALLOWED', { allowed: OUTCOMES.join(', ') });
    if (f.needsCitizen) p.add(join(path, 'needsCitizen'), 'NOT_ALLOWED_ON_TERMINAL', { state });
    if (s.slaWorkingDays !== undefined) p.add(join(path, 'slaWorkingDays'), 'NOT_ALLOWED_ON_TERMINAL', { state });
    if (s.cancellable === true) p.add(join(path, 'cancellable'), 'NOT_ALLOWED_ON_TERMINAL', { state });
    return;
  }
  if (s.outcome !== undefined) p.add(join(path, 'outcome'), 'OUTCOME_NOT_TERMINAL', { state });
  if (s.slaWorkingDays === undefined) return;
  if (f.needsCitizen) p.add(join(path, 'slaWorkingDays'), 'SLA_ON_CITIZEN_STATE', { state });
  else wholeNumberAt(p, join(path, 'slaWorkingDays'), s.slaWorkingDays, 0, MAX_SLA_WORKING_DAYS);
}

/** An action as the graph sees it; `sound` when every state it names exists. */
export interface Edge {
  key: string;
  from: string[];
  to: string | null;
  citizen: boolean;
  sound: boolean;
}

/**
 * Actions are named in paths by their code (`workflow.actions.REJECT.to`), which is how authors
 * and `transitionApplication` know them; by their index while the code itself is wrong or taken twice.
 */
function checkActions(p: ProblemList, list: unknown, states: Map<string, GraphState> | null): Edge[] | null {
  if (!listAt(p, 'workflow.actions', list, 0, MAX_ACTIONS)) return null;
  const counts = new Map<unknown, number>();
  for (const a of list) if (isObject(a)) counts.set(a.code, (counts.get(a.code) ?? 0) + 1);
  const edges: Edge[] = [];
  list.forEach((a, index) => {
    if (!isObject(a)) return p.add(join('workflow.actions', index), 'NOT_OBJECT');
    const byCode = typeof a.code === 'string' && CODE.test(a.code) && counts.get(a.code) === 1;
    const path = join('workflow.actions', byCode ? (a.code as string) : index);
    onlyKnownKeys(p, path, a, ACTION_FIELDS);
    if (codeAt(p, join(path, 'code'), a.code)) {
      if (RESERVED_ACTION_CODES.includes(a.code)) p.add(join(path, 'code'), 'CODE_RESERVED', { code: a.code });
      else if (!byCode) p.add(join(path, 'code'), 'CODE_DUPLICATE', { code: a.code });
    }
    textAt(p, join(path, 'nameId'), a.nameId, MAX_NAME_CHARS);
    textAt(p, join(path, 'nameEn'), a.nameEn, MAX_NAME_CHARS);
    booleanAt(p, join(path, 'requiresNote'), a.requiresNote);
    booleanAt(p, join(path, 'requiresOutputReference'), a.requiresOutputReference);
    const citizen = checkRoles(p, path, a.roles);
    const edge: Edge = { key: path, from: [], to: null, citizen, sound: true };
    edges.push(edge);
    if (listAt(p, join(path, 'from'), a.from, 1, MAX_STATES)) {
      a.from.forEach((code, i) => {
        const at = join(path, 'from', i);
        const state = typeof code === 'string' ? states?.get(code) : undefined;
        if (!state) {
          edge.sound = false;
          // Without a usable list of states there is nothing to look a code up in.
          return states ? p.add(at, 'STATE_UNKNOWN', { state: String(code) }) : undefined;
        }
        if (edge.from.includes(state.code)) return p.add(at, 'DUPLICATE_VALUE', { value: state.code });
        if (state.terminal) p.add(at, 'ACTION_FROM_TERMINAL', { state: state.code });
        else if (citizen && !state.needsCitizen) p.add(at, 'CITIZEN_ACTION_NOT_FROM_WAITING', { state: state.code });
        edge.from.push(state.code);
      });
    } else edge.sound = false;
    if (a.to === undefined) p.add(join(path, 'to'), 'REQUIRED');
    else if (typeof a.to !== 'string') p.add(join(path, 'to'), 'NOT_TEXT');
    else if (states?.has(a.to)) edge.to = a.to;
    else if (states) p.add(join(path, 'to'), 'STATE_UNKNOWN', { state: a.to });
    if (edge.to === null) edge.sound = false;
  });
  return edges;
}

/** Answers whether the action is the citizen's (their one action out of a waiting state). */
function checkRoles(p: ProblemList, path: string, roles: unknown): boolean {
  if (!subsetAt(p, join(path, 'roles'), roles, ACTION_ROLES, ACTION_ROLES.length)) return false;
  const list = roles as string[];
  if (!list.includes('CITIZEN')) return false;
  if (list.length > 1) p.add(join(path, 'roles'), 'CITIZEN_ROLE_WITH_STAFF');
  return true;
}
