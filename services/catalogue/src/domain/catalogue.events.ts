/** Catalogue's events; their payloads are the contracts in proto/serang/catalogue/v1. */
export type AgencyRegistered = { type: 'AgencyRegistered'; data: { agencyId: string; code: string; nameId: string; nameEn: string } };
export type ServicePublished = {
  type: 'ServicePublished';
  data: { serviceId: string; agencyId: string; version: number; code: string; nameId: string; nameEn: string; definitionJson: string };
};
export type CatalogueEvent = AgencyRegistered | ServicePublished;
