import { AppError, translate, type ErrorCode, type Lang } from '@serang/platform';
import type { DefinitionProblem } from '@serang/service-definition';
import { CatalogueError, DefinitionInvalid } from '../domain/service.errors';

/** The one mapping from catalogue's errors to SPEC.md's codes. */
const CODES: Record<string, ErrorCode> = {
  'SERVICE.NOT_FOUND': 'NOT_FOUND',
  'AGENCY.NOT_FOUND': 'NOT_FOUND',
  'SERVICE.AUTHORING_FORBIDDEN': 'FORBIDDEN',
  'SERVICE.DEFINITION_INVALID': 'BAD_USER_INPUT',
  'SERVICE.ALREADY_EXISTS': 'CONFLICT',
  'SERVICE.NO_DRAFT': 'CONFLICT',
  'SERVICE.RETIRED': 'CONFLICT',
  'SERVICE.NOT_PUBLISHED': 'CONFLICT',
  'SERVICE.CHANGED': 'CONFLICT',
};

/** Turns a catalogue error into the AppError the client sees; anything else passes through. */
export function toAppError(e: unknown, lang: Lang): unknown {
  if (!(e instanceof CatalogueError)) return e;
  const code = CODES[e.reason] ?? 'INTERNAL_SERVER_ERROR';
  if (e instanceof DefinitionInvalid) return new AppError(code, e.reason, {}, definitionFields(e.problems, lang));
  return new AppError(code, e.reason, e.params);
}

/**
 * path → message in the caller's language, rendered here because each problem has its own
 * parameters. The document's root (`''`) is the `definitionJson` input itself; two problems at
 * one path share it, one sentence after the other.
 */
export function definitionFields(problems: readonly DefinitionProblem[], lang: Lang): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problems) {
    const field = p.path || 'definitionJson';
    const message = translate(p.reason, lang, p.params);
    fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
  }
  return fields;
}

/** Runs a resolver body, answering catalogue's errors in SPEC.md's terms and the caller's language. */
export async function answering<T>(lang: Lang, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toAppError(e, lang);
  }
}
