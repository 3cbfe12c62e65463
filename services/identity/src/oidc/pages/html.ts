import { languageOf, translate, type Lang } from '@serang/platform';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

/** Translated text, escaped; parameters are escaped too (a client's name is an admin's input). */
export function t(key: string, lang: Lang, params: Record<string, string | number> = {}): string {
  return escapeHtml(translate(key, lang, params));
}

/** `ui_locales` (the agency app's request) first, then the browser's Accept-Language; Indonesian by default. */
export function pageLanguage(uiLocales?: string, acceptLanguage?: string): Lang {
  for (const tag of (uiLocales ?? '').split(' ')) {
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary === 'id' || primary === 'en') return primary;
  }
  return languageOf(acceptLanguage);
}

/** Small pages for slow connections: no scripts, no external fonts or images, styles inline. */
export function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.3rem}label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}
button{padding:.5rem 1rem;margin:1rem .5rem 0 0}.error{background:#fde8e8;border-left:4px solid #c81e1e;padding:.5rem}ul{padding-left:1.2rem}small{color:#52606d}
</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** Headers of every sign-in page: never cached, never framed (clickjacking a consent), no referrer (the URL holds the interaction id). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
