import { resolve } from 'node:path';
import { platformConfigSchema } from '@serang/platform';
import { parseMasterKeys } from '@serang/vault';
import { z } from 'zod';
import { INDONESIAN_HOLIDAYS } from './domain/indonesian-holidays';
import { isIsoDate } from './domain/working-days';
import { documentStorageConfigFields, documentStorageProblem } from './infra/document-storage.config';

/** `npm start`'s and a lone `request` process's uploads folder: `.data/uploads` in the repository. */
const DEFAULT_UPLOADS_DIR = resolve(__dirname, '../../../.data/uploads');
const MIB = 1024 * 1024;

/** What request reads from its environment, on top of every service's variables. */
export const requestConfigSchema = platformConfigSchema
  .extend({
    /** `id:base64key[,id:base64key…]`, 32-byte keys wrapping request's own per-person data keys. */
    VAULT_MASTER_KEYS: z.string({ error: 'required: id:base64key[,id:base64key…] with 32-byte keys' }).superRefine((spec, ctx) => {
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
        const dates = value
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean);
        const bad = dates.filter((d) => !isIsoDate(d));
        if (bad.length) ctx.addIssue({ code: 'custom', message: `not ISO dates (YYYY-MM-DD): ${bad.join(', ')}` });
        return [...new Set(dates)].sort();
      }),
    /** How often each replica looks for SLA warnings and breaches to raise; 0 turns the scheduler off. */
    SLA_SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    /** First part of every new tracking number. */
    TRACKING_PREFIX: z
      .string()
      .regex(/^[A-Z]{2,5}$/, 'must be 2–5 capital letters A–Z')
      .default('SRG'),
    /** Folder of the uploaded documents (encrypted), created if missing; relative to the working directory. */
    UPLOADS_DIR: z
      .string()
      .optional()
      .transform((dir) => (dir?.trim() ? resolve(dir.trim()) : DEFAULT_UPLOADS_DIR)),
    /**
     * Largest document accepted, in bytes (a service's requirement may ask for less). Capped at
     * 64 MiB: a document is encrypted whole, in memory.
     */
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024, 'must be at least 1024 bytes')
      .max(64 * MIB, 'must be at most 67108864 bytes (64 MiB)')
      .default(10 * MIB),
    /** Uploads one process receives at once (more answer TOO_MANY_REQUESTS): memory ≈ 3 × this × UPLOAD_MAX_BYTES. */
    UPLOAD_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(8),
    /** An upload whose body sends nothing for this long is cut off (it would hold an upload slot forever). */
    BODY_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    ...documentStorageConfigFields,
  })
  .superRefine((c, ctx) => {
    const storage = documentStorageProblem(c);
    if (storage) ctx.addIssue({ code: 'custom', path: ['UPLOADS_S3_BUCKET'], message: storage });
    if (!c.VAULT_MASTER_KEY_ID) return;
    try {
      parseMasterKeys(c.VAULT_MASTER_KEYS, c.VAULT_MASTER_KEY_ID);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['VAULT_MASTER_KEY_ID'], message: (e as Error).message.replace(/^VAULT_MASTER_KEYS: /, '') });
    }
  });

export type RequestConfig = z.infer<typeof requestConfigSchema>;
