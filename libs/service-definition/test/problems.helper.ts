import { definitionMessages, validateDefinition, type DefinitionProblem } from '../src';

/** Every problem a test saw, so that each file can check their messages. */
export const seen: DefinitionProblem[] = [];

export function problemsOf(doc: unknown): DefinitionProblem[] {
  const result = validateDefinition(doc);
  const problems = result.ok ? [] : result.problems;
  seen.push(...problems);
  return problems;
}

/** `[path, reason]` of each problem, in the order they were found. */
export const where = (doc: unknown): Array<[string, string]> => problemsOf(doc).map((p) => [p.path, p.reason]);

/** The message of a problem in a language, as a service would render it. */
export function messageOf(p: DefinitionProblem, lang: 'id' | 'en'): string {
  const entry = definitionMessages[p.reason];
  if (!entry) throw new Error(`no message for ${p.reason}`);
  return entry[lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in p.params)) throw new Error(`${p.reason} at ${p.path}: no param ${k}`);
    return String(p.params[k]);
  });
}

export function expectEverySeenProblemHasMessages(): void {
  for (const p of seen) {
    expect(messageOf(p, 'id')).not.toMatch(/\{\w+\}/);
    expect(messageOf(p, 'en')).not.toMatch(/\{\w+\}/);
  }
}
