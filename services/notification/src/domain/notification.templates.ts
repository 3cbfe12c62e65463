import type { Audience, NotificationKind, TemplateParams } from './notification.kinds';

export type Lang = 'id' | 'en';

/** One wording of a kind. A new wording is a new version: a message already sent keeps the one it was sent with. */
interface TemplateVersion {
  version: number;
  title: Record<Lang, string>;
  body: Record<Lang, string>;
}

interface Template {
  audience: Audience;
  /** What the link opens: the application (default), or a webhook subscription on the agency's desk. */
  opens?: 'webhook';
  versions: TemplateVersion[];
}

const v1 = (title: Record<Lang, string>, body: Record<Lang, string>): TemplateVersion[] => [{ version: 1, title, body }];

/**
 * The message catalogue of notifications, Indonesian first. `((name))` is filled from the event's
 * parameters and a few derived values: `((dueDate))` (a Jakarta calendar day) and `((link))` (the
 * deep link to the application in the app of the template's audience). A template names no
 * personal data: an officer's note, a rejection's reason and an output's reference are the
 * applicant's own data under request's vault key, shown to them on the application the link opens.
 */
export const TEMPLATES: Record<NotificationKind, Template> = {
  APPLICATION_SUBMITTED: {
    audience: 'citizen',
    versions: [
      {
        version: 1,
        title: { id: 'Permohonan diterima', en: 'Application received' },
        body: {
          id: 'Permohonan ((trackingNumber)) telah diterima. Target selesai: ((dueDate)).',
          en: 'Application ((trackingNumber)) has been received. Target completion: ((dueDate)).',
        },
      },
    ],
  },
  APPLICATION_CLAIMED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Permohonan sedang ditangani', en: 'Application in progress' },
      {
        id: 'Permohonan ((trackingNumber)) sedang ditangani petugas. Pantau di ((link))',
        en: 'An officer is working on application ((trackingNumber)). Follow it at ((link))',
      },
    ),
  },
  APPLICATION_PROGRESSED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Permohonan berlanjut', en: 'Application moved on' },
      {
        id: 'Permohonan ((trackingNumber)) telah masuk tahap berikutnya. Lihat statusnya di ((link))',
        en: 'Application ((trackingNumber)) has moved to its next step. See its status at ((link))',
      },
    ),
  },
  REVISION_REQUESTED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Perbaikan diperlukan', en: 'Correction needed' },
      {
        id: 'Petugas meminta perbaikan permohonan ((trackingNumber)). Baca catatan petugas dan kirim perbaikan di ((link)) — waktu layanan berhenti sampai Anda mengirimnya.',
        en: 'An officer asked for a correction of application ((trackingNumber)). Read the officer’s note and send the correction at ((link)) — the service time stands still until you do.',
      },
    ),
  },
  APPLICATION_RESUBMITTED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Perbaikan diterima', en: 'Correction received' },
      {
        id: 'Perbaikan permohonan ((trackingNumber)) telah diterima. Target selesai: ((dueDate)).',
        en: 'The correction of application ((trackingNumber)) has been received. Target completion: ((dueDate)).',
      },
    ),
  },
  APPLICATION_APPROVED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Permohonan disetujui', en: 'Application approved' },
      {
        id: 'Permohonan ((trackingNumber)) telah disetujui dan sedang diselesaikan. Lihat di ((link))',
        en: 'Application ((trackingNumber)) has been approved and is being completed. See it at ((link))',
      },
    ),
  },
  APPLICATION_REJECTED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Permohonan ditolak', en: 'Application rejected' },
      {
        id: 'Permohonan ((trackingNumber)) ditolak. Alasan penolakan dapat dibaca di ((link))',
        en: 'Application ((trackingNumber)) was rejected. Read the reason at ((link))',
      },
    ),
  },
  APPLICATION_COMPLETED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Permohonan selesai', en: 'Application completed' },
      {
        id: 'Permohonan ((trackingNumber)) telah selesai. Nomor hasil layanan ada di ((link))',
        en: 'Application ((trackingNumber)) is complete. The reference of the result is at ((link))',
      },
    ),
  },
  FEEDBACK_INVITED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Beri penilaian layanan', en: 'Rate the service' },
      {
        id: 'Bagaimana layanan untuk permohonan ((trackingNumber))? Isi survei kepuasan masyarakat (cukup sekali) di ((link))',
        en: 'How was the service for application ((trackingNumber))? Answer the satisfaction survey (once) at ((link))',
      },
    ),
  },
  APPLICATION_CANCELLED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Permohonan dibatalkan', en: 'Application cancelled' },
      {
        id: 'Permohonan ((trackingNumber)) telah Anda batalkan.',
        en: 'You cancelled application ((trackingNumber)).',
      },
    ),
  },
  RESUBMISSION_TO_REVIEW: {
    audience: 'staff',
    versions: v1(
      { id: 'Perbaikan masuk', en: 'Correction to review' },
      {
        id: 'Pemohon mengirim perbaikan permohonan ((trackingNumber)). Batas waktu: ((dueDate)). Buka ((link))',
        en: 'The applicant sent a correction of application ((trackingNumber)). Due: ((dueDate)). Open ((link))',
      },
    ),
  },
  APPLICATION_WITHDRAWN: {
    audience: 'staff',
    versions: v1(
      { id: 'Permohonan dibatalkan pemohon', en: 'Application withdrawn' },
      {
        id: 'Pemohon membatalkan permohonan ((trackingNumber)) yang Anda tangani.',
        en: 'The applicant withdrew application ((trackingNumber)), which you were handling.',
      },
    ),
  },
  SLA_WARNING: {
    audience: 'staff',
    versions: v1(
      { id: 'Batas waktu layanan mendekat', en: 'Service deadline approaching' },
      {
        id: 'Permohonan ((trackingNumber)) harus diputus paling lambat ((dueDate)); 80% waktu layanan telah terpakai. Buka ((link))',
        en: 'Application ((trackingNumber)) must be decided by ((dueDate)); 80% of the service time has passed. Open ((link))',
      },
    ),
  },
  SLA_BREACHED: {
    audience: 'staff',
    versions: v1(
      { id: 'Batas waktu layanan terlampaui', en: 'Service deadline missed' },
      {
        id: 'Permohonan ((trackingNumber)) melewati batas waktu layanan ((dueDate)) tanpa keputusan dan dieskalasi. Buka ((link))',
        en: 'Application ((trackingNumber)) passed its service deadline of ((dueDate)) without a decision and was escalated. Open ((link))',
      },
    ),
  },
  COMPLAINT_RECEIVED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Pengaduan diterima', en: 'Complaint received' },
      {
        id: 'Pengaduan Anda telah diterima dan akan diverifikasi. Target tindak lanjut: ((dueDate)). Pantau di ((link))',
        en: 'Your complaint has been received and will be verified. Target for follow-up: ((dueDate)). Follow it at ((link))',
      },
    ),
  },
  COMPLAINT_VERIFIED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Pengaduan diverifikasi', en: 'Complaint verified' },
      { id: 'Pengaduan Anda telah diverifikasi. Pantau di ((link))', en: 'Your complaint has been verified. Follow it at ((link))' },
    ),
  },
  COMPLAINT_FORWARDED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Pengaduan diteruskan', en: 'Complaint forwarded' },
      {
        id: 'Pengaduan Anda telah diteruskan ke instansi yang berwenang. Pantau di ((link))',
        en: 'Your complaint has been forwarded to the agency in charge. Follow it at ((link))',
      },
    ),
  },
  COMPLAINT_IN_PROGRESS: {
    audience: 'citizen',
    versions: v1(
      { id: 'Pengaduan ditindaklanjuti', en: 'Complaint in progress' },
      {
        id: 'Petugas instansi sedang menindaklanjuti pengaduan Anda. Pantau di ((link))',
        en: 'An officer is following up your complaint. Follow it at ((link))',
      },
    ),
  },
  COMPLAINT_ANSWERED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Pengaduan dijawab', en: 'Complaint answered' },
      {
        id: 'Instansi telah menjawab pengaduan Anda. Baca jawabannya di ((link)) — Anda dapat membukanya kembali sekali dalam 14 hari bila belum puas.',
        en: 'The agency has answered your complaint. Read the answer at ((link)) — you may reopen it once within 14 days if you are not satisfied.',
      },
    ),
  },
  COMPLAINT_CLOSED: {
    audience: 'citizen',
    versions: v1(
      { id: 'Pengaduan selesai', en: 'Complaint closed' },
      { id: 'Pengaduan Anda telah ditutup. Terima kasih. Lihat di ((link))', en: 'Your complaint has been closed. Thank you. See it at ((link))' },
    ),
  },
  WEBHOOK_DISABLED: {
    audience: 'staff',
    opens: 'webhook',
    versions: v1(
      { id: 'Webhook dinonaktifkan', en: 'Webhook disabled' },
      {
        id: 'Sistem penerima webhook instansi Anda gagal menerima pesan selama sehari, sehingga langganannya dinonaktifkan. Pesan yang tertunda tetap disimpan dan dikirim berurutan setelah diaktifkan kembali. Buka ((link))',
        en: "Your agency's webhook receiver failed to accept messages for a day, so its subscription was disabled. Waiting messages are kept and sent in order once it is enabled again. Open ((link))",
      },
    ),
  },
};

/** The version new messages of a kind are worded with. */
export function currentTemplateVersion(kind: NotificationKind): number {
  const versions = TEMPLATES[kind].versions;
  return versions[versions.length - 1].version;
}

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** '3 Desember 2026' / '3 December 2026': the calendar day in Asia/Jakarta (WIB), as SPEC.md wants dates. */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' }).format(new Date(iso));
}

/** A complaint in the citizen's app. */
export function complaintLink(linkBase: string, complaintId: string): string {
  return `${linkBase.replace(/\/+$/, '')}/complaints/${encodeURIComponent(complaintId)}`;
}

/** Where a notification's link leads: the application in the citizen's app, or on the agency's desk. */
export function deepLink(linkBase: string, audience: Audience, applicationId: string): string {
  const base = linkBase.replace(/\/+$/, '');
  return audience === 'citizen'
    ? `${base}/applications/${encodeURIComponent(applicationId)}`
    : `${base}/agency/applications/${encodeURIComponent(applicationId)}`;
}

export interface RenderedNotification {
  title: string;
  message: string;
  link: string;
}

/**
 * Title, message and link of one notification in the reader's language, in the template version
 * it was made with (an unknown version — a row from a newer release — gets the newest). Pure.
 */
export function renderNotification(
  kind: NotificationKind,
  version: number,
  params: TemplateParams,
  lang: Lang,
  linkBase: string,
): RenderedNotification {
  const template = TEMPLATES[kind];
  const wording = template.versions.find((v) => v.version === version) ?? template.versions[template.versions.length - 1];
  const link =
    template.opens === 'webhook'
      ? `${linkBase.replace(/\/+$/, '')}/agency/webhooks/${encodeURIComponent(params.subscriptionId ?? '')}`
      : params.complaintId
        ? complaintLink(linkBase, params.complaintId)
        : deepLink(linkBase, template.audience, params.applicationId ?? '');
  const values: Record<string, string | undefined> = { ...params, link, dueDate: params.dueAt ? formatDate(params.dueAt, lang) : undefined };
  const fill = (text: string) => text.replace(/\(\((\w+)\)\)/g, (whole, key: string) => values[key] ?? whole);
  return { title: fill(wording.title[lang]), message: fill(wording.body[lang]), link };
}

/** The placeholders a wording names: a test keeps every template's fields among those a kind's messages carry. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\(\((\w+)\)\)/g)].map((m) => m[1]);
}

/**
 * An e-mail of one notification. Identity keeps no language preference yet, so the mail speaks
 * Indonesian first and English below it, one subject line for both. Pure.
 */
export function renderEmail(kind: NotificationKind, version: number, params: TemplateParams, linkBase: string): { subject: string; text: string } {
  const id = renderNotification(kind, version, params, 'id', linkBase);
  const en = renderNotification(kind, version, params, 'en', linkBase);
  return {
    subject: params.trackingNumber ? `${id.title} — ${params.trackingNumber} / ${en.title}` : `${id.title} / ${en.title}`,
    text: `${id.message}\n\n${id.link}\n\n---\n\n${en.message}\n\n${en.link}\n\nSerang Tatu — Pemerintah Kabupaten Serang\n`,
  };
}
