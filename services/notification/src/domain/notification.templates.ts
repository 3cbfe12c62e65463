import type { NotificationKind, TemplateParams } from './inbox.policy';

export type Lang = 'id' | 'en';

interface Template {
  title: Record<Lang, string>;
  message: Record<Lang, string>;
}

/**
 * The message catalogue of notifications, Indonesian first. Rendered when the inbox is read, not
 * when the event arrives: a corrected wording or a new language applies to old notifications too.
 */
export const TEMPLATES: Record<NotificationKind, Template> = {
  APPLICATION_SUBMITTED: {
    title: { id: 'Permohonan diterima', en: 'Application received' },
    message: {
      id: 'Permohonan {trackingNumber} telah diterima. Target selesai: {dueDate}.',
      en: 'Application {trackingNumber} has been received. Target completion: {dueDate}.',
    },
  },
};

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** '3 Desember 2026' / '3 December 2026': the calendar day in Asia/Jakarta (WIB), as SPEC.md wants dates. */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date(iso));
}

/** Title and message of one notification in the reader's language. Pure. */
export function renderNotification(kind: NotificationKind, params: TemplateParams, lang: Lang): { title: string; message: string } {
  const template = TEMPLATES[kind];
  const values: Record<string, string> = { ...params, dueDate: formatDate(params.dueAt, lang) };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  return { title: fill(template.title[lang]), message: fill(template.message[lang]) };
}
