/**
 * Analytics' view of catalogue's `AgencyRegistered` (proto/serang/catalogue/v1/events.proto):
 * only the id. Every registered agency has a row on the dashboard, zeros included (SPEC.md).
 */
export interface AgencyRegisteredData {
  agencyId: string;
}
