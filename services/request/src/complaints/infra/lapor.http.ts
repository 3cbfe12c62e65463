import { z } from 'zod';
import type { LaporGateway, LaporReceipt, LaporReport } from '../application/lapor.port';
import { LaporRejected, LaporUnavailable } from '../domain/complaint.errors';

/**
 * SP4N-LAPOR!'s integration API as this adapter assumes it (docs/complaints.md, "SP4N-LAPOR!"):
 * the national system offers institutions connected to it a JSON HTTP API; its specification is
 * given to connected institutions, not published, so the shape below is our reading of its
 * documented report fields and must be checked against the agreement before going live:
 *
 *   POST <LAPOR_API_URL>/v1/reports
 *   Authorization: Bearer <LAPOR_API_TOKEN>
 *   Idempotency-Key: <our complaint id>
 *   { "external_id", "category", "content", "location", "is_anonymous", "is_confidential",
 *     "institution_code", "reported_at" }
 *   → 200/201 { "id": "...", "tracking_id": "..." }
 *
 * 4xx (but 408 and 429) is a refusal (LaporRejected); anything else — 5xx, 408, 429, a timeout,
 * no connection, an answer without ids — is LaporUnavailable: nothing is recorded, a later try
 * sends the same key again.
 */
export class LaporHttpAdapter implements LaporGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async submit(report: LaporReport): Promise<LaporReceipt> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', 'idempotency-key': report.externalId },
        body: JSON.stringify({
          external_id: report.externalId,
          category: report.categoryCode,
          content: report.text,
          location: report.location,
          is_anonymous: report.anonymous,
          is_confidential: report.confidential,
          institution_code: report.agencyId,
          reported_at: report.filedAt.toISOString(),
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new LaporUnavailable(e instanceof Error ? e.name : 'request failed');
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new LaporRejected(res.status);
    if (!res.ok) throw new LaporUnavailable(`HTTP ${res.status}`);
    const answer = RECEIPT.safeParse(await res.json().catch(() => null));
    if (!answer.success) throw new LaporUnavailable('answer without id and tracking_id');
    return { laporId: answer.data.id, trackingId: answer.data.tracking_id };
  }
}

const RECEIPT = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  tracking_id: z.union([z.string(), z.number()]).transform(String),
});

/** LAPOR_API_URL (http or https) and LAPOR_API_TOKEN: both, or neither (no referral in this deployment). */
export const laporConfigSchema = z
  .object({
    LAPOR_API_URL: z.url({ protocol: /^https?$/ }).optional(),
    LAPOR_API_TOKEN: z.string().min(8).optional(),
  })
  .refine((c) => !c.LAPOR_API_URL === !c.LAPOR_API_TOKEN, { message: 'LAPOR_API_URL and LAPOR_API_TOKEN go together' });

export function laporGatewayFrom(env: NodeJS.ProcessEnv): LaporGateway | null {
  const c = laporConfigSchema.parse({ LAPOR_API_URL: env.LAPOR_API_URL || undefined, LAPOR_API_TOKEN: env.LAPOR_API_TOKEN || undefined });
  return c.LAPOR_API_URL && c.LAPOR_API_TOKEN ? new LaporHttpAdapter(c.LAPOR_API_URL, c.LAPOR_API_TOKEN) : null;
}
