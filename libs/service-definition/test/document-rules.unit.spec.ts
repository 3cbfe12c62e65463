import { parseDefinition, validateDefinition, validateServiceNames, InvalidDefinitionError, MAX_DEFINITION_CHARS } from '../src';
import { broken, REMOVE, validDefinition } from './definition.fixture';
import { expectEverySeenProblemHasMessages, messageOf, problemsOf, where } from './problems.helper';

describe('validateDefinition: the document and its documents (field rules)', () => {
  it('accepts the document of docs/service-definitions.md and hands it back', () => {
    const doc = validDefinition();
    expect(validateDefinition(doc)).toEqual({ ok: true, definition: doc });
  });

  it('refuses what is not an object at all', () => {
    expect(where([1, 2])).toEqual([['', 'DEFINITION.NOT_OBJECT']]);
    expect(where(null)).toEqual([['', 'DEFINITION.NOT_OBJECT']]);
  });

  it('names each missing part', () => {
    expect(where({})).toEqual([
      ['schemaVersion', 'DEFINITION.REQUIRED'],
      ['descriptionId', 'DEFINITION.REQUIRED'],
      ['descriptionEn', 'DEFINITION.REQUIRED'],
      ['slaWorkingDays', 'DEFINITION.REQUIRED'],
      ['fee', 'DEFINITION.REQUIRED'],
      ['requiredDocuments', 'DEFINITION.REQUIRED'],
      ['form', 'DEFINITION.REQUIRED'],
      ['workflow', 'DEFINITION.REQUIRED'],
    ]);
  });

  it('refuses fields the format does not know, such as a misspelt one', () => {
    expect(where(broken({ slaWorkingDay: 3 }))).toEqual([['slaWorkingDay', 'DEFINITION.UNKNOWN_FIELD']]);
    expect(where(broken({ 'requiredDocuments.0.optional': true }))).toEqual([['requiredDocuments.0.optional', 'DEFINITION.UNKNOWN_FIELD']]);
  });

  it('knows only schema version 1', () => {
    expect(where(broken({ schemaVersion: 2 }))).toEqual([['schemaVersion', 'DEFINITION.SCHEMA_VERSION_UNSUPPORTED']]);
  });

  it('checks descriptions: 1–2000 characters, trimmed, paragraphs allowed but no other control characters', () => {
    expect(where(broken({ descriptionId: '' }))).toEqual([['descriptionId', 'DEFINITION.TEXT_LENGTH']]);
    expect(where(broken({ descriptionEn: 'x'.repeat(2001) }))).toEqual([['descriptionEn', 'DEFINITION.TEXT_LENGTH']]);
    // Characters, not UTF-16 units: 2000 emoji are 2000 characters.
    expect(where(broken({ descriptionEn: '🙂'.repeat(2000) }))).toEqual([]);
    expect(where(broken({ descriptionId: ' Layanan' }))).toEqual([['descriptionId', 'DEFINITION.TEXT_UNTRIMMED']]);
    expect(where(broken({ descriptionId: 'Syarat:\n1. KTP\n2. KK' }))).toEqual([]);
    expect(where(broken({ descriptionId: 'Layanan\u0007' }))).toEqual([['descriptionId', 'DEFINITION.TEXT_CONTROL_CHARACTERS']]);
    expect(where(broken({ descriptionEn: 42 }))).toEqual([['descriptionEn', 'DEFINITION.NOT_TEXT']]);
  });

  it('wants the SLA as whole working days from 0 to 365', () => {
    for (const bad of [-1, 1.5, 366, '3'])
      expect(where(broken({ slaWorkingDays: bad }))).toEqual([['slaWorkingDays', 'DEFINITION.WHOLE_NUMBER_RANGE']]);
    expect(where(broken({ slaWorkingDays: 0 }))).toEqual([]);
  });

  it('wants the fee in whole rupiah', () => {
    expect(where(broken({ 'fee.amount': -5000 }))).toEqual([['fee.amount', 'DEFINITION.WHOLE_NUMBER_RANGE']]);
    expect(where(broken({ 'fee.amount': 2500.5 }))).toEqual([['fee.amount', 'DEFINITION.WHOLE_NUMBER_RANGE']]);
    expect(where(broken({ 'fee.currency': 'USD' }))).toEqual([['fee.currency', 'DEFINITION.CURRENCY_UNSUPPORTED']]);
    expect(where(broken({ fee: 0 }))).toEqual([['fee', 'DEFINITION.NOT_OBJECT']]);
    expect(where(broken({ 'fee.amount': 50_000 }))).toEqual([]);
  });

  it('checks each required document', () => {
    expect(where(broken({ 'requiredDocuments.0.maxBytes': 100 }))).toEqual([['requiredDocuments.0.maxBytes', 'DEFINITION.WHOLE_NUMBER_RANGE']]);
    expect(where(broken({ 'requiredDocuments.0.maxBytes': 20 * 1024 * 1024 }))).toEqual([
      ['requiredDocuments.0.maxBytes', 'DEFINITION.WHOLE_NUMBER_RANGE'],
    ]);
    expect(where(broken({ 'requiredDocuments.1.mediaTypes': ['image/gif'] }))).toEqual([
      ['requiredDocuments.1.mediaTypes.0', 'DEFINITION.VALUE_NOT_ALLOWED'],
    ]);
    expect(where(broken({ 'requiredDocuments.1.mediaTypes': [] }))).toEqual([['requiredDocuments.1.mediaTypes', 'DEFINITION.TOO_FEW']]);
    expect(where(broken({ 'requiredDocuments.1.mediaTypes': ['image/png', 'image/png'] }))).toEqual([
      ['requiredDocuments.1.mediaTypes.1', 'DEFINITION.DUPLICATE_VALUE'],
    ]);
    expect(where(broken({ 'requiredDocuments.1.code': 'KTP' }))).toEqual([['requiredDocuments.1.code', 'DEFINITION.CODE_DUPLICATE']]);
    expect(where(broken({ 'requiredDocuments.1.code': 'ijazah' }))).toEqual([['requiredDocuments.1.code', 'DEFINITION.CODE_INVALID']]);
    expect(where(broken({ 'requiredDocuments.0.required': REMOVE }))).toEqual([['requiredDocuments.0.required', 'DEFINITION.REQUIRED']]);
    expect(where(broken({ 'requiredDocuments.0.required': 'yes' }))).toEqual([['requiredDocuments.0.required', 'DEFINITION.NOT_BOOLEAN']]);
    expect(where(broken({ 'requiredDocuments.0.nameEn': 'x'.repeat(201) }))).toEqual([['requiredDocuments.0.nameEn', 'DEFINITION.TEXT_LENGTH']]);
    expect(where(broken({ 'requiredDocuments.0.nameId': 'KTP\nasli' }))).toEqual([
      ['requiredDocuments.0.nameId', 'DEFINITION.TEXT_CONTROL_CHARACTERS'],
    ]);
    expect(where(broken({ 'requiredDocuments.0': 'KTP' }))).toEqual([['requiredDocuments.0', 'DEFINITION.NOT_OBJECT']]);
  });

  it('allows no documents, and at most 20', () => {
    expect(where(broken({ requiredDocuments: [] }))).toEqual([]);
    const doc = validDefinition().requiredDocuments[0];
    const many = Array.from({ length: 21 }, (_, i) => ({ ...doc, code: `DOC_${i}` }));
    expect(where(broken({ requiredDocuments: many }))).toEqual([['requiredDocuments', 'DEFINITION.TOO_MANY']]);
  });

  it('reports several problems at once, each at its own path', () => {
    const problems = problemsOf(
      broken({
        schemaVersion: REMOVE,
        slaWorkingDays: 400,
        'fee.currency': 'USD',
        'requiredDocuments.0.maxBytes': 0,
        'form.properties.birthDate.format': 'tanggal',
        'workflow.states.3.code': 'disetujui',
        'workflow.actions.4.to': 'DITOLAK',
      }),
    );
    expect(problems.map((p) => [p.path, p.reason])).toEqual([
      ['schemaVersion', 'DEFINITION.REQUIRED'],
      ['slaWorkingDays', 'DEFINITION.WHOLE_NUMBER_RANGE'],
      ['fee.currency', 'DEFINITION.CURRENCY_UNSUPPORTED'],
      ['requiredDocuments.0.maxBytes', 'DEFINITION.WHOLE_NUMBER_RANGE'],
      ['form.properties.birthDate.format', 'DEFINITION.FORM_FORMAT_UNKNOWN'],
      ['workflow.states.3.code', 'DEFINITION.CODE_INVALID'],
      ['workflow.actions.APPROVE.to', 'DEFINITION.STATE_UNKNOWN'],
      ['workflow.actions.REJECT.to', 'DEFINITION.STATE_UNKNOWN'],
      ['workflow.actions.COMPLETE.from.0', 'DEFINITION.STATE_UNKNOWN'],
    ]);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, { id: messageOf(p, 'id'), en: messageOf(p, 'en') }]));
    expect(byPath['slaWorkingDays']).toEqual({ id: 'Harus bilangan bulat dari 0 sampai 365.', en: 'Must be a whole number from 0 to 365.' });
    expect(byPath['workflow.actions.REJECT.to']).toEqual({
      id: 'Tahap DITOLAK tidak ada dalam alur.',
      en: 'There is no state DITOLAK in the workflow.',
    });
    expect(byPath['form.properties.birthDate.format'].en).toBe('The format "tanggal" is not known.');
  });
});

describe('parseDefinition: what request calls on ServicePublished', () => {
  it('returns the document of valid JSON text', () => {
    expect(parseDefinition(JSON.stringify(validDefinition()))).toEqual(validDefinition());
  });

  it('throws InvalidDefinitionError with every problem', () => {
    const attempt = () => parseDefinition(JSON.stringify(broken({ slaWorkingDays: -1, 'fee.amount': -1 })));
    expect(attempt).toThrow(InvalidDefinitionError);
    try {
      attempt();
    } catch (e) {
      expect((e as InvalidDefinitionError).reason).toBe('DEFINITION.INVALID');
      expect((e as InvalidDefinitionError).problems.map((p) => p.path)).toEqual(['slaWorkingDays', 'fee.amount']);
    }
  });

  it('refuses text that is not JSON, or too large to be a definition', () => {
    const problemsOfText = (json: string) => {
      try {
        parseDefinition(json);
        return [];
      } catch (e) {
        return (e as InvalidDefinitionError).problems.map((p) => [p.path, p.reason]);
      }
    };
    expect(problemsOfText('{"schemaVersion": 1,')).toEqual([['', 'DEFINITION.JSON_INVALID']]);
    expect(problemsOfText(' '.repeat(MAX_DEFINITION_CHARS + 1))).toEqual([['', 'DEFINITION.TOO_LARGE']]);
  });
});

describe('validateServiceNames: the code and names beside the document', () => {
  it('accepts service codes that start with a digit', () => {
    expect(validateServiceNames({ code: 'AK1', nameId: 'Kartu AK/1', nameEn: 'AK/1 card' })).toEqual([]);
    expect(validateServiceNames({ code: '1000-UMKM', nameId: 'Program 1000 UMKM', nameEn: '1000 SMEs programme' })).toEqual([]);
  });

  it('reports a bad code and bad names together', () => {
    const problems = validateServiceNames({ code: 'ak/1', nameId: ' Kartu AK/1 ', nameEn: undefined });
    expect(problems.map((p) => [p.path, p.reason])).toEqual([
      ['code', 'DEFINITION.SERVICE_CODE_INVALID'],
      ['nameId', 'DEFINITION.TEXT_UNTRIMMED'],
      ['nameEn', 'DEFINITION.REQUIRED'],
    ]);
  });
});

describe('messages', () => {
  it('has an Indonesian and an English message for every problem seen here, with every placeholder filled', () => {
    expectEverySeenProblemHasMessages();
  });
});
