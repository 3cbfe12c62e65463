import type { Lang } from '@serang/platform';
import { escapeHtml, page, t } from './html';

/** Which agency app is asking, and for which agency (its name in the page's language): shown on every page, escaped like everything else. */
export interface AskingClient {
  name: string;
  agency: string;
}

const CLAIM_LABELS: Record<string, string> = { profile: 'OIDC.PAGE.CLAIM_NAME', email: 'OIDC.PAGE.CLAIM_EMAIL', phone: 'OIDC.PAGE.CLAIM_PHONE' };

/** The login form; `error` is a message key (the one non-revealing error, or the throttle's). */
export function loginPage(
  lang: Lang,
  action: string,
  cancel: string,
  client: AskingClient,
  form: { login?: string; error?: { key: string; params?: Record<string, string | number> } },
): string {
  const error = form.error ? `<p class="error" role="alert">${t(form.error.key, lang, form.error.params)}</p>` : '';
  return page(
    lang,
    t('OIDC.PAGE.LOGIN_TITLE', lang),
    `<h1>${t('OIDC.PAGE.LOGIN_TITLE', lang)}</h1>
<p>${t('OIDC.PAGE.LOGIN_LEAD', lang, { client: client.name, agency: client.agency })}</p>
${error}
<form method="post" action="${escapeHtml(action)}" autocomplete="on">
<label for="login">${t('OIDC.PAGE.LOGIN_FIELD', lang)}</label>
<input type="text" id="login" name="login" required autocomplete="username" value="${escapeHtml(form.login ?? '')}">
<label for="password">${t('OIDC.PAGE.PASSWORD_FIELD', lang)}</label>
<input type="password" id="password" name="password" required autocomplete="current-password">
<button type="submit">${t('OIDC.PAGE.SIGN_IN', lang)}</button>
</form>
<form method="post" action="${escapeHtml(cancel)}"><button type="submit">${t('OIDC.PAGE.CANCEL', lang)}</button></form>`,
  );
}

/** The consent form: one box per scope asked for beyond openid, ticked; the subject is always given. */
export function consentPage(lang: Lang, action: string, deny: string, client: AskingClient, scopes: readonly string[]): string {
  const optional = scopes.filter((s) => s in CLAIM_LABELS);
  const items = optional
    .map((s) => `<li><label><input type="checkbox" name="scope" value="${escapeHtml(s)}" checked> ${t(CLAIM_LABELS[s], lang)}</label></li>`)
    .join('\n');
  return page(
    lang,
    t('OIDC.PAGE.CONSENT_TITLE', lang),
    `<h1>${t('OIDC.PAGE.CONSENT_TITLE', lang)}</h1>
<p>${t('OIDC.PAGE.CONSENT_LEAD', lang, { client: client.name, agency: client.agency })}</p>
<form method="post" action="${escapeHtml(action)}">
<ul>
<li>${t('OIDC.PAGE.CLAIM_SUB', lang)}</li>
${items}
</ul>
<p><small>${t('OIDC.PAGE.CONSENT_NOTE', lang)}</small></p>
<button type="submit">${t('OIDC.PAGE.ALLOW', lang)}</button>
</form>
<form method="post" action="${escapeHtml(deny)}"><button type="submit">${t('OIDC.PAGE.DENY', lang)}</button></form>`,
  );
}

/** A request the provider refused (unknown client, bad redirect URI, …): its OAuth error code is shown for the app's developers. */
export function errorPage(lang: Lang, error: { error: string; description?: string }): string {
  const detail = error.description ? `${escapeHtml(error.error)}: ${escapeHtml(error.description)}` : escapeHtml(error.error);
  return page(
    lang,
    t('OIDC.PAGE.ERROR_TITLE', lang),
    `<h1>${t('OIDC.PAGE.ERROR_TITLE', lang)}</h1>\n<p>${t('OIDC.PAGE.ERROR_LEAD', lang)}</p>\n<p><small><code>${detail}</code></small></p>`,
  );
}

/** The interaction cookie is missing or expired, or the page is not this browser's interaction. */
export function expiredPage(lang: Lang): string {
  return page(lang, t('OIDC.PAGE.ERROR_TITLE', lang), `<h1>${t('OIDC.PAGE.ERROR_TITLE', lang)}</h1>\n<p>${t('OIDC.PAGE.EXPIRED', lang)}</p>`);
}
