import { platformConfigSchema } from '@serang/platform';
import { parseMasterKeys } from '@serang/vault';
import { z } from 'zod';
import { CHANNELS, type Channel } from './domain/delivery.policy';
import { parseRateLimits } from './domain/rate-limit';

/** An empty value counts as unset: `FOO=` in a .env file means "not configured". */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const httpUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** What notification reads from its environment, on top of every service's variables. */
export const notificationConfigSchema = platformConfigSchema.extend({
  /**
   * The app's origin the deep links of notifications start from: a citizen's message links to
   * `<base>/applications/<id>`, a staff message to `<base>/agency/applications/<id>`.
   */
  NOTIFICATION_LINK_BASE: z.string().default('http://127.0.0.1:4000').refine(httpUrl, 'must be an http(s) URL'),
  /** Where notification's e-mail goes (`smtp://user:pass@host:587`, `smtps://…`); unset: no e-mail channel. */
  NOTIFICATION_SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  NOTIFICATION_MAIL_FROM: z.string().min(3).default('Serang Tatu <notifikasi@serangkab.go.id>'),
  /** The bearer secret identity expects on its contact endpoint; the e-mail channel needs it. */
  CONTACT_API_TOKEN: optionalText.pipe(z.string().min(24, 'at least 24 characters').optional()),
  /** Identity's origin for contact data; by default the origin of IDENTITY_JWKS_URL. */
  IDENTITY_URL: optionalText.pipe(z.string().refine(httpUrl, 'must be an http(s) URL').optional()),
  /** An HTTP SMS gateway (docs/notifications.md, "SMS"): its send URL and bearer token; unset: no SMS. */
  SMS_GATEWAY_URL: optionalText.pipe(z.string().refine(httpUrl, 'must be an http(s) URL').optional()),
  SMS_GATEWAY_TOKEN: optionalText,
  /** The bearer token the gateway presents on its delivery receipts (POST /callbacks/sms). */
  SMS_CALLBACK_TOKEN: optionalText.pipe(z.string().min(24, 'at least 24 characters').optional()),
  /** WhatsApp Business Cloud API: Graph API base, the sender's phone number id and access token; unset id: no WhatsApp. */
  WHATSAPP_API_URL: z.string().default('https://graph.facebook.com/v21.0').refine(httpUrl, 'must be an http(s) URL'),
  WHATSAPP_PHONE_NUMBER_ID: optionalText,
  WHATSAPP_ACCESS_TOKEN: optionalText,
  /** The app secret Meta signs status callbacks with (X-Hub-Signature-256), and the webhook's verify token. */
  WHATSAPP_APP_SECRET: optionalText,
  WHATSAPP_VERIFY_TOKEN: optionalText,
  /**
   * Sandbox: every outbound message (e-mail, SMS, WhatsApp) goes to this recording sink instead
   * of a provider, as JSON, addressed by person id — no contact data is read, nobody is reached.
   */
  NOTIFICATION_SANDBOX_URL: optionalText.pipe(z.string().refine(httpUrl, 'must be an http(s) URL').optional()),
  /** Attempts of one message before it is given up (technical-failure), and the first retry's delay (doubling each time). */
  /** How long a message taken for sending is that process's: past it (a crash mid-send), any replica sends it again, same key. */
  NOTIFICATION_SEND_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  NOTIFICATION_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /**
   * Messages per second each replica sends per channel (`email=50,sms=20,whatsapp=80`): the
   * provider's limit divided by the replicas. A surge queues in the outbox and drains at that pace;
   * a provider's 429 pauses the channel (Retry-After) without counting an attempt. Unset: no limit.
   */
  NOTIFICATION_RATE_LIMITS: z
    .string()
    .default('')
    .transform((spec, ctx) => {
      try {
        return parseRateLimits(spec, CHANNELS) as Partial<Record<Channel, number>>;
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * `id:base64key[,…]`, the vault's master keys: webhook signing secrets are sealed under them.
   * Unset: no webhook subscription can be made.
   */
  VAULT_MASTER_KEYS: optionalText.pipe(
    z
      .string()
      .superRefine((spec, ctx) => {
        try {
          parseMasterKeys(spec);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^VAULT_MASTER_KEYS: /, '') });
        }
      })
      .optional(),
  ),
  VAULT_MASTER_KEY_ID: optionalText,
  /** Plain-http webhook URLs: only for the embedded default and tests (`npm start` sets it); https only otherwise. */
  NOTIFICATION_WEBHOOK_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Hosts (names or IP literals, comma-separated) a platform admin allows webhooks to reach although
   * they are loopback, link-local or private (an agency system inside the data centre).
   */
  NOTIFICATION_WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter(Boolean),
    ),
  /** A failing receiver's first retry, doubling up to the maximum (so a receiver back after hours waits at most that). */
  NOTIFICATION_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  NOTIFICATION_WEBHOOK_RETRY_MAX_SECONDS: z.coerce
    .number()
    .min(0.1)
    .max(6 * 3600)
    .default(600),
  /** A receiver failing this long is disabled and its agency admins told (a day). */
  NOTIFICATION_WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce
    .number()
    .min(1)
    .max(7 * 86400)
    .default(86400),
  NOTIFICATION_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(1).max(60).default(15),
});
export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
