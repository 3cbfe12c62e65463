/**
 * Every subschema of a JSON Schema with its path, knowing which keywords hold schemas (draft
 * 2020-12 and draft-07), so that checks ajv does not report with a path — an unknown `format`,
 * a pattern that is not a regular expression, an unresolvable `$ref` — can name where they are.
 * Values of `enum`, `const`, `default` and `examples` are data, never walked.
 */
const ONE_SCHEMA = [
  'additionalProperties',
  'additionalItems',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

export interface Subschema {
  path: string[];
  schema: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Depth-first, parents before children; stops descending below `maxDepth` path segments and says so. */
export function walkSchema(root: Record<string, unknown>, maxDepth: number): { subschemas: Subschema[]; tooDeepAt: string[] | null } {
  const subschemas: Subschema[] = [];
  let tooDeepAt: string[] | null = null;
  const visit = (schema: unknown, path: string[]): void => {
    if (!isObject(schema) || tooDeepAt) return;
    if (path.length > maxDepth) {
      tooDeepAt = path;
      return;
    }
    subschemas.push({ path, schema });
    for (const k of ONE_SCHEMA) visit(schema[k], [...path, k]);
    // `items` is one schema, or (draft-07) a list of them.
    if (Array.isArray(schema.items)) schema.items.forEach((s, i) => visit(s, [...path, 'items', String(i)]));
    else visit(schema.items, [...path, 'items']);
    for (const k of SCHEMA_LISTS) if (Array.isArray(schema[k])) (schema[k] as unknown[]).forEach((s, i) => visit(s, [...path, k, String(i)]));
    for (const k of [...SCHEMA_MAPS, 'dependencies']) {
      const map = schema[k];
      // draft-07 `dependencies` maps to a schema or to a list of property names (not walked).
      if (isObject(map)) for (const [name, s] of Object.entries(map)) visit(s, [...path, k, name]);
    }
  };
  visit(root, []);
  return { subschemas, tooDeepAt };
}
