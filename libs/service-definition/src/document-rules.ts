import { join, type ProblemList } from './definition.problems';
import { MEDIA_TYPES } from './definition.types';
import { booleanAt, codeAt, isObject, listAt, objectAt, onlyKnownKeys, subsetAt, textAt, wholeNumberAt, type Json } from './field-checks';

export const MAX_DOCUMENTS = 20;
export const MIN_DOCUMENT_BYTES = 1024;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_SLA_WORKING_DAYS = 365;
/** A bound against typing errors (an extra zero), far above any regional service fee. */
export const MAX_FEE_RUPIAH = 100_000_000;
export const MAX_DESCRIPTION_CHARS = 2000;
export const MAX_NAME_CHARS = 200;

const TOP_LEVEL = ['schemaVersion', 'descriptionId', 'descriptionEn', 'slaWorkingDays', 'fee', 'requiredDocuments', 'form', 'workflow'] as const;
const DOCUMENT_FIELDS = ['code', 'nameId', 'nameEn', 'required', 'mediaTypes', 'maxBytes'] as const;

/** The document's own fields apart from the form and the workflow. */
export function checkTopLevel(p: ProblemList, d: Json): void {
  onlyKnownKeys(p, '', d, TOP_LEVEL);
  if (d.schemaVersion === undefined) p.add('schemaVersion', 'REQUIRED');
  else if (d.schemaVersion !== 1) p.add('schemaVersion', 'SCHEMA_VERSION_UNSUPPORTED', { supported: 1 });
  textAt(p, 'descriptionId', d.descriptionId, MAX_DESCRIPTION_CHARS, 'text');
  textAt(p, 'descriptionEn', d.descriptionEn, MAX_DESCRIPTION_CHARS, 'text');
  wholeNumberAt(p, 'slaWorkingDays', d.slaWorkingDays, 0, MAX_SLA_WORKING_DAYS);
  if (objectAt(p, 'fee', d.fee)) {
    onlyKnownKeys(p, 'fee', d.fee, ['amount', 'currency']);
    wholeNumberAt(p, 'fee.amount', d.fee.amount, 0, MAX_FEE_RUPIAH);
    if (d.fee.currency === undefined) p.add('fee.currency', 'REQUIRED');
    else if (d.fee.currency !== 'IDR') p.add('fee.currency', 'CURRENCY_UNSUPPORTED', { allowed: 'IDR' });
  }
  checkDocuments(p, d.requiredDocuments);
}

function checkDocuments(p: ProblemList, docs: unknown): void {
  if (!listAt(p, 'requiredDocuments', docs, 0, MAX_DOCUMENTS)) return;
  const codes = new Map<string, number>();
  docs.forEach((doc, i) => {
    const path = join('requiredDocuments', i);
    if (!isObject(doc)) return p.add(path, 'NOT_OBJECT');
    onlyKnownKeys(p, path, doc, DOCUMENT_FIELDS);
    if (codeAt(p, join(path, 'code'), doc.code)) {
      if (codes.has(doc.code)) p.add(join(path, 'code'), 'CODE_DUPLICATE', { code: doc.code });
      codes.set(doc.code, i);
    }
    textAt(p, join(path, 'nameId'), doc.nameId, MAX_NAME_CHARS);
    textAt(p, join(path, 'nameEn'), doc.nameEn, MAX_NAME_CHARS);
    booleanAt(p, join(path, 'required'), doc.required, false);
    subsetAt(p, join(path, 'mediaTypes'), doc.mediaTypes, MEDIA_TYPES, MEDIA_TYPES.length);
    wholeNumberAt(p, join(path, 'maxBytes'), doc.maxBytes, MIN_DOCUMENT_BYTES, MAX_DOCUMENT_BYTES);
  });
}
