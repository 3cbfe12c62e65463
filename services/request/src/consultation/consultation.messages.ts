import type { Messages } from '@serang/platform';

/** Consultation's user-facing texts, Indonesian (default) and English. */
export const consultationMessages: Messages = {
  'CONSULTATION.NOT_FOUND': { id: 'Konsultasi tidak ditemukan.', en: 'The consultation was not found.' },
  'CONSULTATION.FORBIDDEN': { id: 'Anda tidak dapat mengikuti konsultasi ini.', en: 'You cannot take part in this consultation.' },
  'CONSULTATION.ALREADY_EXISTS': { id: 'Konsultasi dengan kode ini sudah ada.', en: 'A consultation with this id already exists.' },
  'CONSULTATION.CLOSED': {
    id: 'Konsultasi ini sudah ditutup; riwayatnya tetap dapat dibaca.',
    en: 'This consultation is closed; it can still be read.',
  },
  'CONSULTATION.NOT_CLAIMED': { id: 'Ambil (klaim) konsultasi ini terlebih dahulu.', en: 'Claim this consultation first.' },
  'CONSULTATION.CLAIMED_BY_ANOTHER': { id: 'Konsultasi ini sedang ditangani petugas lain.', en: 'Another officer has claimed this consultation.' },
  'CONSULTATION.MESSAGE_ID_REUSED': {
    id: 'Kode pesan ini sudah dipakai untuk pesan yang berbeda.',
    en: 'This message id was already used for a different message.',
  },
  'CONSULTATION.INPUT_INVALID': {
    id: 'Isian konsultasi belum benar; periksa kolom yang ditandai.',
    en: 'The consultation is not filled in correctly; check the marked fields.',
  },
  'CONSULTATION.SUBJECT_LENGTH': { id: 'Tulis perihal, maksimal 200 karakter.', en: 'Write a subject of at most 200 characters.' },
  'CONSULTATION.MESSAGE_ID': { id: 'Kode pesan harus berupa UUID.', en: 'The message id must be a UUID.' },
  'CONSULTATION.MESSAGE_EMPTY': { id: 'Tulis pesan atau lampirkan berkas.', en: 'Write a message or attach a file.' },
  'CONSULTATION.TEXT_TOO_LONG': { id: 'Pesan maksimal 4000 karakter.', en: 'A message has at most 4000 characters.' },
  'CONSULTATION.TOO_MANY_ATTACHMENTS': { id: 'Maksimal 5 lampiran per pesan.', en: 'At most 5 attachments per message.' },
  'CONSULTATION.ATTACHMENT_NOT_FOUND': {
    id: 'Lampiran tidak ditemukan; unggah ulang berkasnya.',
    en: 'Attachment not found; upload the file again.',
  },
  'CONSULTATION.READ_BEYOND': { id: 'Nomor pesan tidak ada di konsultasi ini.', en: 'There is no such message in this consultation.' },
  'CONSULTATION.APPLICATION_UNKNOWN': { id: 'Permohonan tidak ditemukan.', en: 'The application was not found.' },
  'CONSULTATION.SERVICE_UNKNOWN': { id: 'Layanan tidak dikenal.', en: 'Unknown service.' },
  'CONSULTATION.AGENCY_UNKNOWN': { id: 'Instansi tidak dikenal.', en: 'Unknown agency.' },
};
