import { Injectable } from '@nestjs/common';
import { compileForm } from '@serang/service-definition';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FieldIssue } from '../domain/request.errors';
import type { ServiceDefinition } from '../domain/service-definition';

/** Compiled validators kept per published version (they never change); a bound keeps memory flat. */
const MAX_CACHED = 500;

/**
 * Checks form data against a published version's JSON Schema, compiled in the form's own dialect
 * (2020-12, or draft-07 when its `$schema` says so) exactly as catalogue validated it, and
 * reports at most one problem per field, so a client can mark each field of the form once.
 */
@Injectable()
export class FormValidator {
  private readonly compiled = new Map<string, ValidateFunction>();

  validate(definition: Pick<ServiceDefinition, 'serviceId' | 'version' | 'form'>, data: unknown): FieldIssue[] {
    const validate = this.validatorFor(definition);
    if (validate(data)) return [];
    const byField = new Map<string, FieldIssue>();
    for (const e of validate.errors ?? []) {
      const issue = toIssue(e);
      if (!byField.has(issue.field)) byField.set(issue.field, issue);
    }
    return [...byField.values()];
  }

  private validatorFor(d: Pick<ServiceDefinition, 'serviceId' | 'version' | 'form'>): ValidateFunction {
    const key = `${d.serviceId}@${d.version}`;
    let v = this.compiled.get(key);
    if (!v) {
      if (this.compiled.size >= MAX_CACHED) this.compiled.clear();
      v = compileForm(d.form); // its own ajv: an $id shared by two versions cannot clash
      this.compiled.set(key, v);
    }
    return v;
  }
}

/** ajv's error → the field it is about (`address.city`; `formData` for the whole form). */
function toIssue(e: ErrorObject): FieldIssue {
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') segments.push(String(e.params.missingProperty));
  if (e.keyword === 'additionalProperties') segments.push(String(e.params.additionalProperty));
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.params as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    else if (Array.isArray(v)) params[k] = v.map(String).join(', ');
  }
  return { field: segments.join('.') || 'formData', keyword: e.keyword, params, message: e.message ?? e.keyword };
}
