import type { Messages } from '@serang/platform';

export const webhookMessages: Messages = {
  'WEBHOOK.NOT_FOUND': { id: 'Langganan webhook {id} tidak ditemukan.', en: 'Webhook subscription {id} was not found.' },
  'WEBHOOK.FORBIDDEN': { id: 'Hanya admin instansi ini yang dapat mengelola webhook-nya.', en: "Only this agency's admins may manage its webhooks." },
  'WEBHOOK.DISABLED': { id: 'Langganan webhook ini nonaktif; aktifkan dulu.', en: 'This webhook subscription is disabled; enable it first.' },
  'WEBHOOK.URL_REFUSED': { id: 'Alamat webhook tidak dapat digunakan.', en: 'The webhook URL cannot be used.' },
  'WEBHOOK.URL_INVALID': { id: 'Alamat webhook tidak valid.', en: 'The webhook URL is not valid.' },
  'WEBHOOK.URL_NOT_HTTPS': { id: 'Alamat webhook harus memakai https.', en: 'The webhook URL must use https.' },
  'WEBHOOK.URL_CREDENTIALS': {
    id: 'Alamat webhook tidak boleh memuat nama pengguna atau kata sandi.',
    en: 'The webhook URL must not contain a user name or password.',
  },
  'WEBHOOK.URL_PRIVATE': {
    id: 'Alamat webhook mengarah ke jaringan privat atau lokal, yang tidak diizinkan.',
    en: 'The webhook URL points to a private or local network, which is not allowed.',
  },
  'WEBHOOK.URL_UNRESOLVABLE': { id: 'Nama host alamat webhook tidak dapat ditemukan.', en: 'The webhook URL’s host name cannot be resolved.' },
  'WEBHOOK.INPUT_INVALID': { id: 'Isian webhook tidak valid.', en: 'The webhook input is not valid.' },
  'WEBHOOK.EVENT_TYPES_INVALID': {
    id: 'Pilih minimal satu jenis peristiwa yang dikenal.',
    en: 'Choose at least one known event type.',
  },
  'WEBHOOK.SYSTEM_UNKNOWN': { id: 'Sistem instansi tidak dikenal atau sudah dicabut.', en: 'The agency system is unknown or revoked.' },
  'WEBHOOK.REPLAY_FROM_INVALID': { id: 'Waktu mulai harus tidak di masa depan.', en: 'The start time must not be in the future.' },
  'WEBHOOK.PAGE_SIZE_OUT_OF_RANGE': { id: 'Jumlah harus antara 1 dan 200.', en: 'The number must be between 1 and 200.' },
  'WEBHOOK.CURSOR_INVALID': { id: 'Penanda halaman tidak dikenal.', en: 'The page cursor is not recognised.' },
};
