import { join, type ProblemList } from './definition.problems';

export interface GraphState {
  code: string;
  index: number;
  start: boolean;
  terminal: boolean;
  needsCitizen: boolean;
}

interface GraphEdge {
  from: string[];
  to: string | null;
}

/**
 * Graph checks (docs/service-definitions.md): every state is reachable from the start, and from
 * every non-terminal state some terminal state is reachable — so a loop with no exit, or a state
 * no action leaves, is refused. The platform's CANCEL does not count as a way out: it is the
 * citizen's choice, not the agency's answer.
 */
export function checkGraph(p: ProblemList, states: readonly GraphState[], edges: readonly GraphEdge[]): void {
  const starts = states.filter((s) => s.start);
  if (starts.length === 1) {
    const reached = closure([starts[0].code], (code) => edges.filter((e) => e.from.includes(code)).map((e) => e.to!));
    for (const s of states) if (!reached.has(s.code)) p.add(join('workflow.states', s.index), 'STATE_UNREACHABLE', { state: s.code });
  }
  const terminals = states.filter((s) => s.terminal).map((s) => s.code);
  if (terminals.length === 0) return;
  const leadsOut = closure(terminals, (code) => edges.filter((e) => e.to === code).flatMap((e) => e.from));
  for (const s of states) if (!s.terminal && !leadsOut.has(s.code)) p.add(join('workflow.states', s.index), 'DEAD_END', { state: s.code });
}

function closure(from: readonly string[], next: (code: string) => readonly string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const n of next(queue.shift()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}
