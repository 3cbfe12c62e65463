import AjvDraft07, { type ErrorObject, type ValidateFunction } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { join, type ProblemList } from './definition.problems';
import { objectAt } from './field-checks';
import { walkSchema } from './form-schema-walk';

export type FormDialect = '2020-12' | 'draft-07';

const DIALECTS: Record<string, FormDialect> = {
  'https://json-schema.org/draft/2020-12/schema': '2020-12',
  'https://json-schema.org/draft/2020-12/schema#': '2020-12',
  'http://json-schema.org/draft-07/schema': 'draft-07',
  'http://json-schema.org/draft-07/schema#': 'draft-07',
};
/** Far deeper than any form a person fills in; a bound keeps a hostile schema from exhausting the stack. */
export const MAX_FORM_DEPTH = 64;

/** The form's dialect: draft-07 only when its `$schema` says so; null for a `$schema` we do not support. */
export function formDialectOf(form: Record<string, unknown>): FormDialect | null {
  if (form.$schema === undefined) return '2020-12';
  return typeof form.$schema === 'string' ? (DIALECTS[form.$schema] ?? null) : null;
}

/**
 * A fresh ajv (with ajv-formats) for one form: compiled schemas stay inside their ajv, so two
 * forms (or two versions of one) may share an `$id`, and nothing accumulates in a long-lived process.
 * Not strict: forms may carry annotations ajv does not know (UI hints of a form builder). It does
 * not check the form against the meta-schema again (that is `metaValidator`'s job, done once).
 */
function formAjv(dialect: FormDialect, validateSchema = false): AjvCore {
  const options = { allErrors: true, strict: false, logger: false as const, validateSchema };
  return addFormats(dialect === 'draft-07' ? new AjvDraft07(options) : new Ajv2020(options));
}

/** One per dialect for the process: compiling the meta-schema is the slow part, and checking a schema stores nothing. */
const metaValidators = new Map<FormDialect, AjvCore>();
function metaValidator(dialect: FormDialect): AjvCore {
  let ajv = metaValidators.get(dialect);
  if (!ajv) metaValidators.set(dialect, (ajv = formAjv(dialect, true)));
  return ajv;
}

/** A validator of form data for a form that passed `validateDefinition`, in the form's own dialect. */
export function compileForm(form: Record<string, unknown>): ValidateFunction {
  const dialect = formDialectOf(form);
  if (!dialect) throw new Error(`unsupported form $schema ${String(form.$schema)}`);
  return formAjv(dialect).compile(form);
}

/** Form schema checks (docs/service-definitions.md): dialect, meta-schema, formats, patterns, refs, top-level object. */
export function checkForm(p: ProblemList, form: unknown): void {
  if (!objectAt(p, 'form', form)) return;
  const dialect = formDialectOf(form);
  if (!dialect)
    return p.add('form.$schema', 'FORM_DIALECT_UNSUPPORTED', {
      allowed: Object.keys(DIALECTS)
        .filter((k) => !k.endsWith('#'))
        .join(', '),
    });
  if (form.type !== 'object') p.add('form.type', 'FORM_NOT_OBJECT_TYPE');
  const { subschemas, tooDeepAt } = walkSchema(form, MAX_FORM_DEPTH);
  if (tooDeepAt) return p.add(pathOf(tooDeepAt.slice(0, MAX_FORM_DEPTH)), 'FORM_TOO_DEEP', { max: MAX_FORM_DEPTH });
  const meta = metaValidator(dialect);
  const before = p.size;
  if (!meta.validateSchema(form)) metaSchemaProblems(p, meta.errors ?? []);
  for (const { path, schema } of subschemas) {
    if (typeof schema.format === 'string' && !meta.formats[schema.format])
      p.add(pathOf([...path, 'format']), 'FORM_FORMAT_UNKNOWN', { format: schema.format });
    if (typeof schema.pattern === 'string' && !isRegExp(schema.pattern)) p.add(pathOf([...path, 'pattern']), 'FORM_PATTERN_INVALID');
    const patterned = schema.patternProperties;
    if (patterned && typeof patterned === 'object') {
      for (const key of Object.keys(patterned)) if (!isRegExp(key)) p.add(pathOf([...path, 'patternProperties', key]), 'FORM_PATTERN_INVALID');
    }
  }
  if (p.size > before) return;
  try {
    formAjv(dialect).compile(form);
  } catch (e) {
    // What is left are references that lead nowhere (ajv names the ref, not where it is).
    const ref = /can't resolve reference (.+) from id/.exec((e as Error).message)?.[1];
    const at = ref ? subschemas.find((s) => s.schema.$ref === ref) : undefined;
    if (ref) p.add(at ? pathOf([...at.path, '$ref']) : 'form', 'FORM_REF_UNRESOLVED', { ref });
    else p.add('form', 'FORM_SCHEMA_INVALID', { detail: (e as Error).message });
  }
}

/** ajv's meta-schema errors → one problem per place (an `anyOf` in the meta-schema reports a place several times). */
function metaSchemaProblems(p: ProblemList, errors: readonly ErrorObject[]): void {
  const seen = new Set<string>();
  for (const e of errors) {
    const path = pathOf(
      e.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
    );
    if (seen.has(path)) continue;
    seen.add(path);
    if (e.keyword === 'type') p.add(path, 'FORM_SCHEMA_TYPE', { type: String(e.params.type) });
    else if (e.keyword === 'enum') p.add(path, 'FORM_SCHEMA_ENUM', { allowed: (e.params.allowedValues as unknown[]).map(String).join(', ') });
    else p.add(path, 'FORM_SCHEMA_INVALID', { detail: e.message ?? e.keyword });
  }
}

/** ajv compiles patterns with the `u` flag. */
function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

const pathOf = (segments: readonly string[]): string => join('form', ...segments);
