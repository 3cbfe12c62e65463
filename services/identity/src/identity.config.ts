import { platformConfigSchema } from '@serang/platform';
import { parseMasterKeys } from '@serang/vault';
import { z } from 'zod';
import { checkPassword } from './person/domain/password-policy';
import { normaliseEmail } from './person/domain/contact';
import { oidcConfigFields, resolveOidcIssuer } from './oidc/oidc.config';

/** An unset variable is reported as "required" rather than zod's type message. */
const required = (what: string) => z.string({ error: (issue) => (issue.input === undefined ? `required (${what})` : `must be text (${what})`) });
/** An empty value counts as unset: `FOO=` in a .env file means "not configured". */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const identityFields = platformConfigSchema.extend({
  /** `id:base64key[,id:base64key…]`: the master keys that wrap every data key and signing key. */
  VAULT_MASTER_KEYS: required('id:base64key[,id:base64key…], 32-byte keys').superRefine((spec, ctx) => {
    try {
      parseMasterKeys(spec);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^VAULT_MASTER_KEYS: /, '') });
    }
  }),
  VAULT_MASTER_KEY_ID: optionalText,
  /** HMAC key of the NIK and e-mail blind indexes; changing it orphans every index (re-index first). */
  BLIND_INDEX_KEY: required('base64 of 32 random bytes').refine(
    (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v.trim()) && Buffer.from(v, 'base64').length === 32,
    'must be base64 of 32 random bytes',
  ),
  PLATFORM_ADMIN_EMAIL: optionalText,
  PLATFORM_ADMIN_PASSWORD: optionalText,
  /** Access tokens live at most 15 minutes (a revoked session's token dies with them). */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(90 * 24 * 3600)
    .default(30 * 24 * 3600),
  /** Agency systems' access tokens (client credentials): no refresh token, they simply ask again. */
  AGENCY_SYSTEM_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  /** A new signing key signs after this many days (the old one verifies on until its tokens expire); 0 = only by hand. */
  SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Where identity's own e-mail (staff invitations) goes: `smtp://user:pass@host:587`, `smtps://…`. */
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  /** Instead of SMTP: a folder that receives each e-mail as an .eml file (the embedded default). */
  MAIL_OUTBOX_DIR: optionalText,
  /**
   * The bearer secret notification presents to read a person's contact data at send time
   * (`POST /internal/contacts/:personId`, audited); unset: that endpoint answers 404.
   */
  CONTACT_API_TOKEN: optionalText.pipe(z.string().min(24, 'at least 24 characters').optional()),
  MAIL_FROM: z.string().min(3).default('Serang Tatu <no-reply@serangkab.go.id>'),
  /** The page of the app that accepts a staff invitation; the token follows in the fragment (#token=…), out of server logs. */
  INVITATION_LINK_BASE: z.url().default('http://127.0.0.1:4000/staff-invitation'),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(72),
  /** argon2id hashes and verifications running at once (each ~20 MiB and a core for tens of ms). */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Sign-ins and registrations waiting for hashing at most; more are answered TOO_MANY_REQUESTS at once. */
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  /** How long one waits for hashing before it is answered TOO_MANY_REQUESTS. */
  PASSWORD_HASH_MAX_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  ...oidcConfigFields,
});

/**
 * Identity's configuration. Secrets have no defaults here: the launcher's embedded default is the
 * only place that makes development values up.
 */
export const identityConfigSchema = identityFields
  .superRefine((c, ctx) => {
    const ids = masterKeyIds(c.VAULT_MASTER_KEYS);
    if (c.VAULT_MASTER_KEY_ID && ids && !ids.includes(c.VAULT_MASTER_KEY_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['VAULT_MASTER_KEY_ID'],
        message: `"${c.VAULT_MASTER_KEY_ID}" is not among the ids of VAULT_MASTER_KEYS`,
      });
    }
    const { PLATFORM_ADMIN_EMAIL: email, PLATFORM_ADMIN_PASSWORD: password } = c;
    if (email && !password) ctx.addIssue({ code: 'custom', path: ['PLATFORM_ADMIN_PASSWORD'], message: 'required when PLATFORM_ADMIN_EMAIL is set' });
    if (password && !email) ctx.addIssue({ code: 'custom', path: ['PLATFORM_ADMIN_EMAIL'], message: 'required when PLATFORM_ADMIN_PASSWORD is set' });
    if (email && !normaliseEmail(email).ok) ctx.addIssue({ code: 'custom', path: ['PLATFORM_ADMIN_EMAIL'], message: 'must be an e-mail address' });
    const weak = password ? checkPassword(password) : undefined;
    if (weak) ctx.addIssue({ code: 'custom', path: ['PLATFORM_ADMIN_PASSWORD'], message: 'must be 10 to 128 characters with letters and digits' });
  })
  .transform((c) => ({
    ...c,
    masterKeys: parseMasterKeys(c.VAULT_MASTER_KEYS, c.VAULT_MASTER_KEY_ID),
    blindIndexKey: Buffer.from(c.BLIND_INDEX_KEY, 'base64'),
    oidcIssuer: resolveOidcIssuer(c),
  }));

/** Ids of a valid key ring; undefined when VAULT_MASTER_KEYS itself is wrong (reported on its own). */
function masterKeyIds(spec: string): string[] | undefined {
  try {
    return [...parseMasterKeys(spec).keys.keys()];
  } catch {
    return undefined;
  }
}

export type IdentityConfig = z.infer<typeof identityConfigSchema>;

/** The same object as PLATFORM_CONFIG, with identity's own variables typed. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
