import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** The path identity mounts the provider on; the issuer's path must be it (a proxy forwards /oidc unchanged). */
export const OIDC_MOUNT_PATH = '/oidc';

/** Single sign-on's variables, spread into identity's configuration schema. */
export const oidcConfigFields = {
  /** Unset: `http://127.0.0.1:${PORT}/oidc`, the process's own address (development and tests). */
  OIDC_ISSUER: optionalText.superRefine((v, ctx) => {
    if (v === undefined) return;
    const problem = issuerProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** How long a citizen stays signed in to single sign-on (apps they already allowed skip the login page). */
  OIDC_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
};

function issuerProblem(v: string): string | undefined {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return 'must be a URL such as https://sso.serangkab.go.id/oidc';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.search || url.hash || url.username || url.password) return 'must have no query, fragment or credentials';
  if (url.pathname.replace(/\/$/, '') !== OIDC_MOUNT_PATH) return `must end in ${OIDC_MOUNT_PATH} (where identity mounts the provider)`;
  return undefined;
}

/** The issuer identifier: configured, or this process's own loopback address. No trailing slash. */
export function resolveOidcIssuer(c: { OIDC_ISSUER?: string; PORT: number }): string {
  return (c.OIDC_ISSUER ?? `http://127.0.0.1:${c.PORT}${OIDC_MOUNT_PATH}`).replace(/\/$/, '');
}
