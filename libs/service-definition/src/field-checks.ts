import { lineProblem, textProblem } from '@serang/text';
import { join, type ProblemList } from './definition.problems';

/**
 * Checks of single values (docs/service-definitions.md, "Field rules"). Each records its problem
 * and answers whether the value may be used by later checks.
 */

export const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;
/** Service codes may start with a digit (`AK1` is fine, so is `1000-UMKM`). */
export const SERVICE_CODE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;
const NAME_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Descriptions may have paragraphs and tabs, nothing else invisible. */
const TEXT_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reports keys the format does not know: a misspelt `needsCitizien` would otherwise be ignored. */
export function onlyKnownKeys(p: ProblemList, path: string, value: Json, known: readonly string[]): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) p.add(join(path, key), 'UNKNOWN_FIELD', { field: key });
}

export function objectAt(p: ProblemList, path: string, value: unknown): value is Json {
  if (value === undefined) p.add(path, 'REQUIRED');
  else if (!isObject(value)) p.add(path, 'NOT_OBJECT');
  else return true;
  return false;
}

export function listAt(p: ProblemList, path: string, value: unknown, min: number, max: number): value is unknown[] {
  if (value === undefined) p.add(path, 'REQUIRED');
  else if (!Array.isArray(value)) p.add(path, 'NOT_LIST');
  else if (value.length < min) p.add(path, 'TOO_FEW', { min });
  else if (value.length > max) p.add(path, 'TOO_MANY', { max });
  else return true;
  return false;
}

export function codeAt(p: ProblemList, path: string, value: unknown, pattern: RegExp = CODE): value is string {
  if (value === undefined) p.add(path, 'REQUIRED');
  else if (typeof value !== 'string' || !pattern.test(value)) p.add(path, pattern === SERVICE_CODE ? 'SERVICE_CODE_INVALID' : 'CODE_INVALID');
  else return true;
  return false;
}

/** Names and descriptions: trimmed, within the length (in characters, not UTF-16 units), no control characters. */
export function textAt(p: ProblemList, path: string, value: unknown, max: number, kind: 'name' | 'text' = 'name'): value is string {
  if (value === undefined) p.add(path, 'REQUIRED');
  else if (typeof value !== 'string') p.add(path, 'NOT_TEXT');
  else if (value.trim().length === 0 || [...value].length > max) p.add(path, 'TEXT_LENGTH', { min: 1, max });
  else if (value !== value.trim()) p.add(path, 'TEXT_UNTRIMMED');
  else if ((kind === 'name' ? NAME_CONTROL : TEXT_CONTROL).test(value) || (kind === 'name' ? lineProblem(value) : textProblem(value)))
    p.add(path, 'TEXT_CONTROL_CHARACTERS');
  else if (kind === 'name' && value !== value.normalize('NFC')) p.add(path, 'TEXT_NOT_NFC');
  else return true;
  return false;
}

export function wholeNumberAt(p: ProblemList, path: string, value: unknown, min: number, max: number, optional = false): boolean {
  if (value === undefined) {
    if (!optional) p.add(path, 'REQUIRED');
    return optional;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    p.add(path, 'WHOLE_NUMBER_RANGE', { min, max });
    return false;
  }
  return true;
}

export function booleanAt(p: ProblemList, path: string, value: unknown, optional = true): boolean {
  if (value === undefined) {
    if (!optional) p.add(path, 'REQUIRED');
    return optional;
  }
  if (typeof value !== 'boolean') {
    p.add(path, 'NOT_BOOLEAN');
    return false;
  }
  return true;
}

/** A non-empty list of distinct values, each one of `allowed`. */
export function subsetAt(p: ProblemList, path: string, value: unknown, allowed: readonly string[], max: number): boolean {
  if (!listAt(p, path, value, 1, max)) return false;
  const seen = new Set<unknown>();
  let ok = true;
  value.forEach((v, i) => {
    if (typeof v !== 'string' || !allowed.includes(v)) {
      p.add(join(path, i), 'VALUE_NOT_ALLOWED', { allowed: allowed.join(', ') });
      ok = false;
    } else if (seen.has(v)) {
      p.add(join(path, i), 'DUPLICATE_VALUE', { value: v });
      ok = false;
    }
    seen.add(v);
  });
  return ok;
}
