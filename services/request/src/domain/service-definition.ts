/**
 * Request's copy of a published service version, as catalogue published it (ServicePublished):
 * enough to accept, validate and time an application while catalogue is down.
 */
export interface ServiceDefinition {
  serviceId: string;
  version: number;
  agencyId: string;
  slaWorkingDays: number;
  /** JSON Schema of the application form. */
  form: Record<string, unknown>;
  requiredDocuments: string[];
}

/** The parts of `definitionJson` request relies on; throws when they are missing. */
export function parseDefinitionJson(json: string): Pick<ServiceDefinition, 'slaWorkingDays' | 'form' | 'requiredDocuments'> {
  const d = JSON.parse(json) as Record<string, unknown>;
  if (!Number.isInteger(d.slaWorkingDays) || (d.slaWorkingDays as number) < 0) throw new Error('definition lacks a whole slaWorkingDays ≥ 0');
  if (typeof d.form !== 'object' || d.form === null || Array.isArray(d.form)) throw new Error('definition lacks a form schema object');
  const docs = d.requiredDocuments ?? [];
  if (!Array.isArray(docs) || !docs.every((x) => typeof x === 'string')) throw new Error('definition requiredDocuments is not a list of strings');
  return { slaWorkingDays: d.slaWorkingDays as number, form: d.form as Record<string, unknown>, requiredDocuments: docs as string[] };
}
