/**
 * What text typed by people (or sent by hostile clients) may contain. Pure functions, used at the
 * GraphQL boundary for every string argument and by the deciders for names.
 */

/** C0 controls and DEL, except tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Any line break or tab: not in a one-line value such as a name. */
const MULTILINE = /[\t\n\r\u2028\u2029]/;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a
 * name display as something else than it is ("Trojan Source"); no Indonesian or English name needs them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** A surrogate half without its other half: not text, and PostgreSQL refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'TEXT.CONTROL_CHARACTER' | 'TEXT.INVALID_UNICODE' | 'TEXT.BIDI_CONTROL' | 'TEXT.LINE_BREAK';

/**
 * The problem of a string any field may carry, if any: control characters (NUL and the like; tab
 * and line breaks are allowed here and refused per field where a field is one line) and broken
 * UTF-16. What the GraphQL boundary checks on every string input.
 */
export function textProblem(value: string): TextProblem | undefined {
  if (LONE_SURROGATE.test(value)) return 'TEXT.INVALID_UNICODE';
  if (CONTROL.test(value)) return 'TEXT.CONTROL_CHARACTER';
  return undefined;
}

/** The problem of a one-line display value (a name): also no line breaks, tabs or bidi controls. */
export function lineProblem(value: string): TextProblem | undefined {
  return textProblem(value) ?? (MULTILINE.test(value) ? 'TEXT.LINE_BREAK' : BIDI_CONTROL.test(value) ? 'TEXT.BIDI_CONTROL' : undefined);
}

/**
 * A name as stored: NFC (one spelling of "é" whatever the keyboard sent), trimmed, inner runs of
 * spaces collapsed; refused when it carries what `lineProblem` refuses (checked before collapsing,
 * so a tab or newline is refused rather than silently turned into a space).
 */
export function normaliseName(raw: string): { ok: true; value: string } | { ok: false; problem: TextProblem } {
  const problem = lineProblem(raw);
  if (problem) return { ok: false, problem };
  return { ok: true, value: raw.normalize('NFC').trim().replace(/ {2,}/g, ' ') };
}

/** Every string inside a JSON-like value (object keys included), with its dotted path. */
export function* stringsOf(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsOf(v, path ? `${path}.${i}` : String(i));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      yield [at, k];
      yield* stringsOf(v, at);
    }
  }
}

/** The first string of a JSON-like value with a `textProblem`, as [path, problem]. */
export function firstTextProblem(value: unknown): [string, TextProblem] | undefined {
  for (const [path, s] of stringsOf(value)) {
    const problem = textProblem(s);
    if (problem) return [path, problem];
  }
  return undefined;
}
