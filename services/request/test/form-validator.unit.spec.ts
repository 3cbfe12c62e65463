import { FormValidator } from '../src/application/form-validator';

const definition = {
  serviceId: 'svc',
  version: 1,
  form: {
    $id: 'https://example.org/form',
    type: 'object',
    required: ['education', 'skills', 'birthDate'],
    properties: {
      education: { type: 'string', enum: ['SMA', 'S1'] },
      skills: { type: 'string', minLength: 2 },
      birthDate: { type: 'string', format: 'date' },
      address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
    },
    additionalProperties: false,
  },
};

describe('form validation against the published JSON Schema', () => {
  const validator = new FormValidator();

  it('accepts a valid form', () => {
    expect(validator.validate(definition, { education: 'S1', skills: 'welding', birthDate: '2000-02-29' })).toEqual([]);
  });

  it('reports one problem per field, with dotted paths', () => {
    const issues = validator.validate(definition, { education: 'PhD', skills: 1, birthDate: '2001-02-29', address: {}, nickname: 'x' });
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.keyword]));
    expect(byField).toEqual({ education: 'enum', skills: 'type', birthDate: 'format', 'address.city': 'required', nickname: 'additionalProperties' });
    expect(issues.find((i) => i.field === 'education')?.params.allowedValues).toBe('SMA, S1');
  });

  it('names missing fields, and the whole form when it is not an object', () => {
    expect(
      validator
        .validate(definition, {})
        .map((i) => i.field)
        .sort(),
    ).toEqual(['birthDate', 'education', 'skills']);
    expect(validator.validate(definition, [1, 2])).toEqual([expect.objectContaining({ field: 'formData', keyword: 'type' })]);
  });

  it('keeps versions apart even when their schemas share an $id', () => {
    const v2 = { ...definition, version: 2, form: { ...definition.form, required: ['education'] } };
    expect(validator.validate(v2, { education: 'SMA' })).toEqual([]);
    expect(validator.validate(definition, { education: 'SMA' })).not.toEqual([]);
  });
});
