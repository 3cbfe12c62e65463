import { compileForm, formDialectOf } from '../src';
import { broken, REMOVE } from './definition.fixture';
import { expectEverySeenProblemHasMessages, messageOf, problemsOf, where } from './problems.helper';

const withForm = (form: unknown) => broken({ form });

describe('validateDefinition: the form schema', () => {
  it('validates the form against its meta-schema, pointing at the bad part', () => {
    expect(where(broken({ 'form.properties.age.minimum': 'lima belas' }))).toEqual([['form.properties.age.minimum', 'DEFINITION.FORM_SCHEMA_TYPE']]);
    const [typo] = problemsOf(broken({ 'form.properties.education.type': 'strin' }));
    expect(typo).toMatchObject({ path: 'form.properties.education.type', reason: 'DEFINITION.FORM_SCHEMA_ENUM' });
    expect(messageOf(typo, 'en')).toBe('JSON Schema expects one of: array, boolean, integer, null, number, object, string.');
    expect(where(broken({ 'form.required': 'education' }))).toEqual([['form.required', 'DEFINITION.FORM_SCHEMA_TYPE']]);
  });

  it('refuses a format ajv-formats does not know, wherever it is', () => {
    expect(where(broken({ 'form.properties.birthDate.format': 'tanggal' }))).toEqual([
      ['form.properties.birthDate.format', 'DEFINITION.FORM_FORMAT_UNKNOWN'],
    ]);
    const nested = {
      type: 'object',
      properties: { children: { type: 'array', items: { type: 'object', properties: { born: { type: 'string', format: 'dd-mm-yyyy' } } } } },
    };
    expect(where(withForm(nested))).toEqual([['form.properties.children.items.properties.born.format', 'DEFINITION.FORM_FORMAT_UNKNOWN']]);
    // A property called "format" is a field, not the keyword.
    expect(where(withForm({ type: 'object', properties: { format: { type: 'string', enum: ['PDF', 'CETAK'] } } }))).toEqual([]);
  });

  it('refuses patterns that are not regular expressions', () => {
    expect(where(withForm({ type: 'object', properties: { nop: { type: 'string', pattern: '^[0-9{18}$' } } }))).toEqual([
      ['form.properties.nop.pattern', 'DEFINITION.FORM_PATTERN_INVALID'],
    ]);
    expect(where(withForm({ type: 'object', patternProperties: { '^(x': { type: 'string' } } }))).toEqual([
      ['form.patternProperties.^(x', 'DEFINITION.FORM_PATTERN_INVALID'],
    ]);
  });

  it('refuses references that lead nowhere, naming the $ref', () => {
    const form = {
      type: 'object',
      $defs: { nik: { type: 'string', pattern: '^[0-9]{16}$' } },
      properties: { father: { $ref: '#/$defs/nik' }, mother: { $ref: '#/$defs/nk' } },
    };
    expect(problemsOf(withForm(form))).toEqual([
      { path: 'form.properties.mother.$ref', reason: 'DEFINITION.FORM_REF_UNRESOLVED', params: { ref: '#/$defs/nk' } },
    ]);
    expect(where(withForm({ type: 'object', properties: { x: { $ref: 'https://example.org/form.json' } } }))).toEqual([
      ['form.properties.x.$ref', 'DEFINITION.FORM_REF_UNRESOLVED'],
    ]);
  });

  it('wants an object at the top', () => {
    expect(where(withForm({ type: 'array', items: { type: 'string' } }))).toEqual([['form.type', 'DEFINITION.FORM_NOT_OBJECT_TYPE']]);
    expect(where(broken({ 'form.type': REMOVE }))).toEqual([['form.type', 'DEFINITION.FORM_NOT_OBJECT_TYPE']]);
    expect(where(broken({ form: 'type: object' }))).toEqual([['form', 'DEFINITION.NOT_OBJECT']]);
  });

  it('reads draft-07 when $schema says so, and 2020-12 otherwise', () => {
    const draft07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: { year: { type: 'integer', minimum: 1950, maximum: 2100 } },
      properties: { graduated: { $ref: '#/definitions/year' }, pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] } },
    };
    expect(where(withForm(draft07))).toEqual([]);
    expect(formDialectOf(draft07)).toBe('draft-07');
    const draft2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] } },
    };
    expect(where(withForm(draft2020))).toEqual([]);
    // The 2020-12 meta-schema does not allow a list under `items`.
    expect(where(withForm({ ...draft2020, properties: { pair: draft07.properties.pair } }))).toEqual([
      ['form.properties.pair.items', 'DEFINITION.FORM_SCHEMA_TYPE'],
    ]);
    expect(where(withForm({ ...draft2020, $schema: 'http://json-schema.org/draft-04/schema#' }))).toEqual([
      ['form.$schema', 'DEFINITION.FORM_DIALECT_UNSUPPORTED'],
    ]);
  });

  it('compiles each form in its own dialect, so validators of two versions sharing an $id do not clash', () => {
    const v1 = compileForm({ $id: 'https://serang.go.id/forms/ak1', type: 'object', required: ['education'] });
    const v2 = compileForm({ $id: 'https://serang.go.id/forms/ak1', type: 'object', required: [] });
    expect(v1({})).toBe(false);
    expect(v2({})).toBe(true);
    const pair = compileForm({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }, { type: 'integer' }] });
    expect(pair(['a', 1])).toBe(true);
    expect(pair([1, 'a'])).toBe(false);
  });

  it('refuses a schema nested deeper than any form, without exhausting the stack', () => {
    let form: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 5000; i++) form = { type: 'object', properties: { x: form } };
    const [problem] = problemsOf(withForm(form));
    expect(problem.reason).toBe('DEFINITION.FORM_TOO_DEEP');
    expect(problem.path.startsWith('form.properties.x.properties.x')).toBe(true);
  });
});

describe('messages', () => {
  it('has an Indonesian and an English message for every problem seen here, with every placeholder filled', () => {
    expectEverySeenProblemHasMessages();
  });
});
