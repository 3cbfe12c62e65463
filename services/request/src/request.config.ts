import { platformConfigSchema } from '@serang/platform';
import { parseMasterKeys } from '@serang/vault';
import { z } from 'zod';
import { INDONESIAN_HOLIDAYS } from './domain/indonesian-holidays';
import { isIsoDate } from './domain/working-days';

/** What request reads from its environment, on top of every service's variables. */
export const requestConfigSchema = platformConfigSchema
  .extend({
    /** `id:base64key[,id:base64key…]`, 32-byte keys wrapping request's own per-person data keys. */
    VAULT_MASTER_KEYS: z
      .string({ error: 'required: id:base64key[,id:base64key…] with 32-byte keys' })
      .superRefine((spec, ctx) => {
        try {
          parseMasterKeys(spec);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^VAULT_MASTER_KEYS: /, '') });
        }
      }),
    /** Which of the master keys wraps new data keys (the first when unset). */
    VAULT_MASTER_KEY_ID: z.string().min(1).optional(),
    /**
     * National holidays and joint-leave days: comma-separated ISO dates (Asia/Jakarta), replacing
     * the built-in list (domain/indonesian-holidays.ts). Unset or blank: the built-in list.
     */
    HOLIDAYS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (!value?.trim()) return INDONESIAN_HOLIDAYS.map((h) => h.date);
        const dates = value.split(',').map((d) => d.trim()).filter(Boolean);
        const bad = dates.filter((d) => !isIsoDate(d));
        if (bad.length) ctx.addIssue({ code: 'custom', message: `not ISO dates (YYYY-MM-DD): ${bad.join(', ')}` });
        return [...new Set(dates)].sort();
      }),
    /** First part of every new tracking number. */
    TRACKING_PREFIX: z.string().regex(/^[A-Z]{2,5}$/, 'must be 2–5 capital letters A–Z').default('SRG'),
  })
  .superRefine((c, ctx) => {
    if (!c.VAULT_MASTER_KEY_ID) return;
    try {
      parseMasterKeys(c.VAULT_MASTER_KEYS, c.VAULT_MASTER_KEY_ID);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['VAULT_MASTER_KEY_ID'], message: (e as Error).message.replace(/^VAULT_MASTER_KEYS: /, '') });
    }
  });

export type RequestConfig = z.infer<typeof requestConfigSchema>;
