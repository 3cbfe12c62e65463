import type { Messages } from '@serang/platform';

/** Complaints' user-facing texts, Indonesian (default) and English. */
export const complaintMessages: Messages = {
  'COMPLAINT.NOT_FOUND': { id: 'Pengaduan tidak ditemukan.', en: 'Complaint not found.' },
  'COMPLAINT.ALREADY_FILED': { id: 'Pengaduan ini sudah diajukan.', en: 'This complaint was already filed.' },
  'COMPLAINT.INPUT_INVALID': {
    id: 'Isian pengaduan belum benar; periksa bagian yang ditandai.',
    en: 'The complaint is not valid; check the marked fields.',
  },
  'COMPLAINT.ANONYMOUS_WITH_APPLICATION': {
    id: 'Pengaduan anonim tidak dapat merujuk permohonan, karena permohonan menyebut nama pemohonnya.',
    en: 'An anonymous complaint cannot refer to an application: the application names its applicant.',
  },
  'COMPLAINT.ACTION_NOT_AVAILABLE': {
    id: 'Tindakan {action} tidak tersedia untuk pengaduan berstatus {status}.',
    en: 'Action {action} is not available while the complaint is {status}.',
  },
  'COMPLAINT.ACTION_FORBIDDEN': {
    id: 'Anda tidak berhak melakukan tindakan {action} pada pengaduan ini.',
    en: 'You may not take action {action} on this complaint.',
  },
  'COMPLAINT.VERSION_CONFLICT': {
    id: 'Pengaduan baru saja diubah orang lain (versi {actual}, Anda melihat {expected}); muat ulang lalu coba lagi.',
    en: 'The complaint was just changed by someone else (version {actual}, you saw {expected}); reload and try again.',
  },
  'COMPLAINT.HELD_BY_ANOTHER': { id: 'Pengaduan ini sedang ditangani petugas lain.', en: 'Another officer is handling this complaint.' },
  'COMPLAINT.REOPEN_NOT_ALLOWED': {
    id: 'Pengaduan hanya dapat dibuka kembali satu kali, paling lambat {days} hari setelah dijawab.',
    en: 'A complaint can be reopened only once, within {days} days of its answer.',
  },
  'COMPLAINT.CATEGORY_UNKNOWN': { id: 'Kategori pengaduan tidak dikenal.', en: 'Unknown complaint category.' },
  'COMPLAINT.AGENCY_REQUIRED': { id: 'Pilih instansi tujuan.', en: 'Choose the agency it goes to.' },
  'COMPLAINT.AGENCY_UNKNOWN': { id: 'Kode instansi tidak dikenal.', en: 'Unknown agency code.' },
  'COMPLAINT.SAME_AGENCY': { id: 'Pengaduan sudah berada di instansi tersebut.', en: 'The complaint is already with that agency.' },
  'COMPLAINT.ANSWER_REQUIRED': { id: 'Tuliskan jawaban untuk pelapor.', en: 'Write the answer to the complainant.' },
  'COMPLAINT.TEXT_REQUIRED': { id: 'Tuliskan isi pengaduan.', en: 'Write what the complaint is about.' },
  'COMPLAINT.TOO_LONG': { id: 'Paling banyak {limit} karakter.', en: 'At most {limit} characters.' },
  'COMPLAINT.TOO_MANY_ATTACHMENTS': { id: 'Paling banyak {limit} lampiran.', en: 'At most {limit} attachments.' },
  'COMPLAINT.ATTACHMENT_UNKNOWN': { id: 'Lampiran tidak ditemukan di unggahan Anda.', en: 'An attachment is not among your uploads.' },
  'COMPLAINT.APPLICATION_UNKNOWN': { id: 'Permohonan tidak ditemukan di antara permohonan Anda.', en: 'The application is not among yours.' },
  'COMPLAINT.IDEMPOTENCY_KEY_INVALID': {
    id: 'Kunci idempotensi harus 1–128 karakter A–Z a–z 0–9 . _ : + / = -',
    en: 'The idempotency key must be 1–128 characters of A–Z a–z 0–9 . _ : + / = -',
  },
  'COMPLAINT.CATEGORY_CODE_INVALID': { id: 'Kode kategori: huruf kapital, angka dan _ (2–40).', en: 'Category code: capitals, digits and _ (2–40).' },
  'COMPLAINT.NAME_INVALID': { id: 'Nama wajib diisi, paling banyak 100 karakter.', en: 'A name is required, at most 100 characters.' },
  'COMPLAINT.LAPOR_REFERRAL_NOT_ALLOWED': {
    id: 'Pengaduan hanya dapat dirujuk ke SP4N-LAPOR! sekali, setelah diverifikasi.',
    en: 'A complaint can be referred to SP4N-LAPOR! once, after verification.',
  },
  'COMPLAINT.LAPOR_NOT_CONFIGURED': { id: 'Sambungan ke SP4N-LAPOR! belum diatur.', en: 'No connection to SP4N-LAPOR! is configured.' },
  'COMPLAINT.LAPOR_REJECTED': { id: 'SP4N-LAPOR! menolak laporan (HTTP {status}).', en: 'SP4N-LAPOR! refused the report (HTTP {status}).' },
  'COMPLAINT.LAPOR_UNAVAILABLE': {
    id: 'SP4N-LAPOR! sedang tidak dapat dihubungi; tidak ada yang tercatat, coba lagi nanti.',
    en: 'SP4N-LAPOR! cannot be reached right now; nothing was recorded, try again later.',
  },
  'COMPLAINT.SLA_INVALID': { id: 'SLA antara 1 dan 60 hari kerja.', en: 'The SLA is between 1 and 60 working days.' },
};
