/** Catalogue's events; their payloads are the contracts in proto/serang/catalogue/v1 (same field names). */
export type AgencyRegistered = { type: 'AgencyRegistered'; data: { agencyId: string; code: string; nameId: string; nameEn: string } };

/** The content of one version of a service: its names and its definition document as JSON text. */
interface VersionContent {
  serviceId: string;
  agencyId: string;
  version: number;
  nameId: string;
  nameEn: string;
  definitionJson: string;
}

export type ServiceDraftCreated = { type: 'ServiceDraftCreated'; data: VersionContent & { code: string } };
/** The draft was saved again, or (after a publication) draft version n+1 was started. */
export type ServiceDraftUpdated = { type: 'ServiceDraftUpdated'; data: VersionContent };
export type ServicePublished = { type: 'ServicePublished'; data: VersionContent & { code: string } };
/** `version`: the published version that was in force. */
export type ServiceRetired = { type: 'ServiceRetired'; data: { serviceId: string; agencyId: string; version: number } };

export type ServiceEvent = ServiceDraftCreated | ServiceDraftUpdated | ServicePublished | ServiceRetired;
export type CatalogueEvent = AgencyRegistered | ServiceEvent;
