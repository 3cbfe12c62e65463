import { parseDefinition, type ServiceDefinitionDocument } from '@serang/service-definition';

/**
 * Request's copy of a published service version, as catalogue published it (ServicePublished):
 * the whole definition document (form, documents, workflow, SLA, fee), so that applications are
 * accepted, validated, timed and run while catalogue is down.
 */
export interface ServiceDefinition extends ServiceDefinitionDocument {
  serviceId: string;
  version: number;
  agencyId: string;
  /** When catalogue retired the service (ServiceRetired): it takes no new applications from then on. */
  retiredAt: Date | null;
}

/** `definitionJson` of ServicePublished → the document; throws InvalidDefinitionError (with every problem) when it is not valid. */
export function parseDefinitionJson(json: string): ServiceDefinitionDocument {
  return parseDefinition(json);
}

/** Catalogue's event that closes a service to new applications; running ones finish under their own version. */
export type ServiceRetired = { type: 'ServiceRetired'; data: { serviceId: string; version: number; agencyId: string } };
