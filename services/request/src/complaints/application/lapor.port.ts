/**
 * The integration port to SP4N-LAPOR! (Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional),
 * the national complaint system a regency may refer complaints to. What is sent names nobody: an
 * anonymous complaint goes as anonymous, a named one without the person (SP4N-LAPOR! asks its own
 * users who they are); the text is the complainant's own words, sent with a platform admin's
 * decision and on the audit trail.
 */
export interface LaporReport {
  /** Our complaint id: SP4N-LAPOR!'s idempotency key and external reference. */
  externalId: string;
  categoryCode: string;
  text: string;
  location: string | null;
  anonymous: boolean;
  confidential: boolean;
  /** The agency (our code) it is with, if any. */
  agencyId: string | null;
  filedAt: Date;
}

export interface LaporReceipt {
  laporId: string;
  trackingId: string;
}

export interface LaporGateway {
  /** Sends one report; the same externalId again answers the first receipt (the provider deduplicates). */
  submit(report: LaporReport): Promise<LaporReceipt>;
}

export const LAPOR_GATEWAY = Symbol('LAPOR_GATEWAY');
