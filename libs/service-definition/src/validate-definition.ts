import { InvalidDefinitionError, ProblemList } from './definition.problems';
import type { DefinitionProblem, ServiceDefinitionDocument } from './definition.types';
import { checkTopLevel, MAX_NAME_CHARS } from './document-rules';
import { codeAt, isObject, SERVICE_CODE, textAt } from './field-checks';
import { checkForm } from './form-schema';
import { checkWorkflow } from './workflow-rules';

/** A definition's JSON text is bounded before it is parsed (a form with hundreds of fields is far below). */
export const MAX_DEFINITION_CHARS = 256_000;

export type DefinitionValidation = { ok: true; definition: ServiceDefinitionDocument } | { ok: false; problems: DefinitionProblem[] };

/**
 * Checks a service definition document against every rule of docs/service-definitions.md and
 * reports all problems at once, each with a dotted path into the document and a stable reason.
 * Pure: no I/O, no clock.
 */
export function validateDefinition(input: unknown): DefinitionValidation {
  const p = new ProblemList();
  if (!isObject(input)) {
    p.add('', 'NOT_OBJECT');
  } else {
    checkTopLevel(p, input);
    checkForm(p, input.form);
    checkWorkflow(p, input.workflow);
  }
  return p.size === 0 ? { ok: true, definition: input as unknown as ServiceDefinitionDocument } : { ok: false, problems: p.items };
}

/** `definitionJson` (of ServicePublished, or as an author sent it) → a valid document; throws InvalidDefinitionError. */
export function parseDefinition(json: string): ServiceDefinitionDocument {
  const p = new ProblemList();
  if (json.length > MAX_DEFINITION_CHARS) p.add('', 'TOO_LARGE', { max: MAX_DEFINITION_CHARS });
  else {
    let input: unknown;
    try {
      input = JSON.parse(json);
    } catch {
      p.add('', 'JSON_INVALID');
    }
    if (p.size === 0) {
      const result = validateDefinition(input);
      if (result.ok) return result.definition;
      throw new InvalidDefinitionError(result.problems);
    }
  }
  throw new InvalidDefinitionError(p.items);
}

/** The service's own code and names, which travel beside the document (paths `code`, `nameId`, `nameEn`). */
export function validateServiceNames(service: { code: unknown; nameId: unknown; nameEn: unknown }): DefinitionProblem[] {
  const p = new ProblemList();
  codeAt(p, 'code', service.code, SERVICE_CODE);
  textAt(p, 'nameId', service.nameId, MAX_NAME_CHARS);
  textAt(p, 'nameEn', service.nameEn, MAX_NAME_CHARS);
  return p.items;
}
