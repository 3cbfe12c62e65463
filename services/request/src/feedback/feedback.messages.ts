import type { Messages } from '@serang/platform';

/** Feedback's user-facing texts, Indonesian (default) and English. */
export const feedbackMessages: Messages = {
  'FEEDBACK.NOT_FOUND': { id: 'Permohonan atau umpan balik tidak ditemukan.', en: 'The application or feedback was not found.' },
  'FEEDBACK.APPLICATION_NOT_FINISHED': {
    id: 'Survei kepuasan dapat diisi setelah permohonan selesai atau ditolak.',
    en: 'The satisfaction survey opens once the application is completed or rejected.',
  },
  'FEEDBACK.ALREADY_ANSWERED': { id: 'Survei untuk permohonan ini sudah diisi.', en: 'The survey of this application was already answered.' },
  'FEEDBACK.FORBIDDEN': { id: 'Hanya masyarakat yang dapat memberi umpan balik.', en: 'Only citizens give feedback.' },
  'FEEDBACK.INPUT_INVALID': {
    id: 'Isian umpan balik belum benar; periksa kolom yang ditandai.',
    en: 'The feedback is not filled in correctly; check the marked fields.',
  },
  'FEEDBACK.IDEMPOTENCY_KEY_REUSED': {
    id: 'Kunci idempotensi ini sudah dipakai untuk umpan balik yang berbeda.',
    en: 'This idempotency key was already used for different feedback.',
  },
  'FEEDBACK.SCORES_COUNT': { id: 'Isi nilai untuk kesembilan unsur pelayanan.', en: 'Score all nine service elements.' },
  'FEEDBACK.SCORE_RANGE': { id: 'Nilai harus 1, 2, 3 atau 4.', en: 'A score is 1, 2, 3 or 4.' },
  'FEEDBACK.PROFILE_OPTION': { id: 'Pilih salah satu pilihan yang tersedia.', en: 'Choose one of the options offered.' },
  'FEEDBACK.TEXT_REQUIRED': { id: 'Tulis kritik atau saran.', en: 'Write a critique or a suggestion.' },
  'FEEDBACK.TEXT_TOO_LONG': { id: 'Maksimal {limit} karakter.', en: 'At most {limit} characters.' },
  'FEEDBACK.TARGET_REQUIRED': {
    id: 'Pilih permohonan, instansi atau layanan yang dinilai.',
    en: 'Choose the application, agency or service the feedback is about.',
  },
  'FEEDBACK.AGENCY_UNKNOWN': { id: 'Instansi tidak dikenal.', en: 'Unknown agency.' },
  'FEEDBACK.SERVICE_UNKNOWN': { id: 'Layanan tidak dikenal.', en: 'Unknown service.' },
};
