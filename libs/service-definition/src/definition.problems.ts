import type { DefinitionProblem } from './definition.types';

/** Collects the problems of one definition, so that validation reports every one of them at once. */
export class ProblemList {
  readonly items: DefinitionProblem[] = [];

  add(path: string, reason: string, params: Record<string, string | number> = {}): void {
    this.items.push({ path, reason: `DEFINITION.${reason}`, params });
  }

  get size(): number {
    return this.items.length;
  }
}

/** `a` + `b` → `a.b`; the root is the empty path. */
export const join = (...segments: Array<string | number>): string => segments.filter((s) => s !== '').join('.');

/** A definition that cannot be used, with every problem found in it. */
export class InvalidDefinitionError extends Error {
  readonly reason = 'DEFINITION.INVALID';
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(`invalid service definition: ${problems.map((p) => `${p.path || '(root)'} ${p.reason}`).join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}
