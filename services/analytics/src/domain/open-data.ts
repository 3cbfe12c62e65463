/**
 * Open data (Satu Data): monthly submissions per agency and service, with small cells suppressed
 * so that no published figure, and no difference of published figures, tells a count below 5.
 *
 * What is published, per month:
 * - one `service` row per agency and service that had submissions that month (rows with 0 are
 *   not published: a service nobody applied to has no row);
 * - one `agency` row per agency: the sum of its service rows.
 * No grand totals across agencies or months are published, so each (month, agency) is a group
 * of its own: its service rows add up to its agency row.
 *
 * Suppression (pure, deterministic):
 * 1. primary: a count from 1 to 4 is suppressed (an agency row too);
 * 2. complementary: in a group whose agency row is published, the suppressed service rows must
 *    not be recoverable from it: with k of them summing to S (the agency row minus the published
 *    rows) and each at least 1, each lies in [1, S − k + 1]; that is one value when k = 1 or
 *    S = k. Then the smallest published service row of the group is suppressed as well, until
 *    neither holds; if none is left, the agency row is suppressed.
 */
export const SMALL_CELL = 5;

export interface MonthlyCount {
  /** YYYY-MM (Asia/Jakarta). */
  month: string;
  agencyId: string;
  serviceId: string;
  submitted: number;
}

export interface OpenDataRow {
  month: string;
  level: 'service' | 'agency';
  agencyId: string;
  /** '' on agency rows. */
  serviceId: string;
  /** null when suppressed. */
  submitted: number | null;
}

/** The published rows, sorted by month, agency, level (agency first) and service. */
export function openDataRows(counts: readonly MonthlyCount[]): OpenDataRow[] {
  const groups = new Map<string, MonthlyCount[]>();
  for (const c of counts) {
    if (c.submitted <= 0) continue;
    const key = `${c.month}\u0000${c.agencyId}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out: OpenDataRow[] = [];
  for (const key of [...groups.keys()].sort()) {
    const cells = groups
      .get(key)!
      .slice()
      .sort((a, b) => a.serviceId.localeCompare(b.serviceId));
    const { month, agencyId } = cells[0];
    const total = cells.reduce((s, c) => s + c.submitted, 0);
    const suppressed = new Set(cells.filter((c) => c.submitted < SMALL_CELL).map((c) => c.serviceId));
    let totalSuppressed = total < SMALL_CELL;
    if (!totalSuppressed) {
      for (;;) {
        const hidden = cells.filter((c) => suppressed.has(c.serviceId));
        const sum = hidden.reduce((s, c) => s + c.submitted, 0);
        if (hidden.length === 0 || (hidden.length > 1 && sum > hidden.length)) break;
        const next = cells
          .filter((c) => !suppressed.has(c.serviceId))
          .sort((a, b) => a.submitted - b.submitted || a.serviceId.localeCompare(b.serviceId))[0];
        if (!next) {
          totalSuppressed = true;
          break;
        }
        suppressed.add(next.serviceId);
      }
    }
    out.push({ month, level: 'agency', agencyId, serviceId: '', submitted: totalSuppressed ? null : total });
    for (const c of cells)
      out.push({ month, level: 'service', agencyId, serviceId: c.serviceId, submitted: suppressed.has(c.serviceId) ? null : c.submitted });
  }
  return out;
}

/** The fields, documented in both formats (the JSON carries them; docs/operations.md repeats them). */
export const OPEN_DATA_FIELDS = [
  { name: 'month', description: 'Calendar month of submission in Asia/Jakarta, YYYY-MM' },
  { name: 'level', description: "'agency': the agency's total for the month; 'service': one service of the agency" },
  { name: 'agency_code', description: 'Agency (OPD) code of the regency, as in the catalogue' },
  { name: 'service_id', description: "Service id, as in the catalogue; empty on 'agency' rows" },
  { name: 'submitted', description: 'Applications submitted; empty when suppressed (below 5, or needed to keep such a count from being recomputed)' },
] as const;

/** RFC 4180 CSV with a header row; suppressed counts are empty fields. */
export function openDataCsv(rows: readonly OpenDataRow[]): string {
  const esc = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [OPEN_DATA_FIELDS.map((f) => f.name).join(',')];
  for (const r of rows) lines.push([r.month, r.level, r.agencyId, r.serviceId, r.submitted === null ? '' : String(r.submitted)].map(esc).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function openDataJson(rows: readonly OpenDataRow[]): {
  fields: typeof OPEN_DATA_FIELDS;
  suppressionThreshold: number;
  rows: Array<Record<string, string | number | null>>;
} {
  return {
    fields: OPEN_DATA_FIELDS,
    suppressionThreshold: SMALL_CELL,
    rows: rows.map((r) => ({ month: r.month, level: r.level, agency_code: r.agencyId, service_id: r.serviceId, submitted: r.submitted })),
  };
}
