import type { Workflow, WorkflowAction, WorkflowState } from './definition.types';

/**
 * Questions the platform asks of a validated workflow (request's engine asks them of the version
 * an application runs under). They assume `validateDefinition` passed: one start state, codes unique.
 */

export function startState(wf: Workflow): WorkflowState {
  const start = wf.states.find((s) => s.start === true);
  if (!start) throw new Error('workflow has no start state (was it validated?)');
  return start;
}

export function stateOf(wf: Workflow, code: string): WorkflowState | undefined {
  return wf.states.find((s) => s.code === code);
}

export function actionOf(wf: Workflow, code: string): WorkflowAction | undefined {
  return wf.actions.find((a) => a.code === code);
}

/** Every action that leaves the state, in the order the definition lists them. */
export function actionsFrom(wf: Workflow, stateCode: string): WorkflowAction[] {
  return wf.actions.filter((a) => a.from.includes(stateCode));
}

/** The citizen's one action out of a state that waits on them (`resubmitApplication`); undefined elsewhere. */
export function citizenActionFrom(wf: Workflow, stateCode: string): WorkflowAction | undefined {
  if (stateOf(wf, stateCode)?.needsCitizen !== true) return undefined;
  return actionsFrom(wf, stateCode).find((a) => a.roles.includes('CITIZEN'));
}

/** Whether the applicant may cancel in this state: any non-terminal state unless it says `cancellable: false`. */
export function isCancellable(wf: Workflow, stateCode: string): boolean {
  const state = stateOf(wf, stateCode);
  return state !== undefined && state.terminal !== true && state.cancellable !== false;
}
