import type { Messages } from '@serang/platform';

/** Request's user-facing texts, Indonesian (default) and English. */
export const requestMessages: Messages = {
  'SERVICE.NOT_FOUND': { id: 'Layanan {id} tidak ditemukan.', en: 'Service {id} was not found.' },
  'SERVICE.RETIRED': { id: 'Layanan {id} sudah tidak menerima permohonan baru.', en: 'The service {id} no longer takes new applications.' },
  'APPLICATION.NOT_FOUND': { id: 'Permohonan tidak ditemukan.', en: 'The application was not found.' },
  'APPLICATION.TRACKING_NUMBER_NOT_FOUND': {
    id: 'Nomor pelacakan {trackingNumber} tidak ditemukan.',
    en: 'Tracking number {trackingNumber} was not found.',
  },
  'APPLICATION.TRACKING_NUMBER_INVALID': {
    id: 'Nomor pelacakan tidak valid; periksa kembali setiap karakternya.',
    en: 'The tracking number is not valid; check each character again.',
  },
  'APPLICATION.INPUT_INVALID': {
    id: 'Isian permohonan belum benar; periksa kolom yang ditandai.',
    en: 'The application is not filled in correctly; check the marked fields.',
  },
  'APPLICATION.ALREADY_SUBMITTED': { id: 'Permohonan ini sudah diajukan.', en: 'This application was already submitted.' },
  'APPLICATION.VERSION_CONFLICT': {
    id: 'Permohonan sudah berubah (versi {actual}, Anda melihat versi {expected}); muat ulang lalu putuskan lagi.',
    en: 'The application has changed (version {actual}; you saw version {expected}); reload and decide again.',
  },
  'APPLICATION.ACTION_NOT_AVAILABLE': {
    id: 'Tindakan {action} tidak tersedia pada status {status}.',
    en: 'Action {action} is not available in status {status}.',
  },
  'APPLICATION.ACTION_FORBIDDEN': { id: 'Peran Anda tidak berwenang melakukan {action}.', en: 'Your role may not take action {action}.' },
  'APPLICATION.NOT_CLAIMED': { id: 'Ambil (klaim) permohonan ini terlebih dahulu.', en: 'Claim this application first.' },
  'APPLICATION.CLAIMED_BY_ANOTHER': { id: 'Permohonan ini sedang ditangani petugas lain.', en: 'Another officer has claimed this application.' },
  'APPLICATION.CLOSED': { id: 'Permohonan ini sudah selesai; tidak ada tindakan lagi.', en: 'This application is closed; nothing more can be done.' },
  'APPLICATION.NOT_CANCELLABLE': { id: 'Permohonan ini tidak dapat dibatalkan lagi.', en: 'This application can no longer be cancelled.' },
  'APPLICATION.NOT_AWAITING_CITIZEN': {
    id: 'Permohonan ini tidak sedang menunggu perbaikan dari Anda.',
    en: 'This application is not waiting for a revision from you.',
  },
  'APPLICATION.AWAITING_CITIZEN': {
    id: 'Permohonan ini sedang menunggu perbaikan dari pemohon.',
    en: 'This application is waiting for the applicant to revise it.',
  },
  'REQUEST.IDEMPOTENCY_KEY_REUSED': {
    id: 'Kunci idempotensi ini sudah dipakai untuk isian yang berbeda.',
    en: 'This idempotency key was already used with different input.',
  },
};

/** Uploads (POST /uploads, GET /uploads/:id). */
export const uploadMessages: Messages = {
  'UPLOAD.NOT_MULTIPART': {
    id: 'Kirim berkas sebagai multipart/form-data berisi satu berkas.',
    en: 'Send the file as multipart/form-data holding one file.',
  },
  'UPLOAD.MALFORMED': {
    id: 'Data unggahan rusak atau terpotong; silakan unggah ulang.',
    en: 'The upload is malformed or was cut short; please upload it again.',
  },
  'UPLOAD.NO_FILE': { id: 'Tidak ada berkas dalam unggahan.', en: 'The upload holds no file.' },
  'UPLOAD.TOO_MANY_FILES': { id: 'Unggah satu berkas setiap kali.', en: 'Upload one file at a time.' },
  'UPLOAD.EMPTY': { id: 'Berkas kosong; pilih berkas yang berisi dokumen.', en: 'The file is empty; choose a file that holds the document.' },
  'UPLOAD.TOO_LARGE': { id: 'Berkas terlalu besar; ukuran maksimal {limit}.', en: 'The file is too large; the maximum size is {limit}.' },
  'UPLOAD.TYPE_NOT_ALLOWED': {
    id: 'Jenis berkas tidak diterima; unggah dokumen PDF atau gambar JPEG/PNG.',
    en: 'This kind of file is not accepted; upload a PDF document or a JPEG/PNG image.',
  },
  'UPLOAD.STALLED': {
    id: 'Unggahan terhenti: tidak ada data selama {seconds} detik; silakan unggah ulang.',
    en: 'The upload stalled ({seconds} s without data); please upload it again.',
  },
  'UPLOAD.BUSY': { id: 'Sedang banyak unggahan; coba lagi sebentar lagi.', en: 'Many uploads are in progress; try again in a moment.' },
  'UPLOAD.ACCOUNT_ERASED': {
    id: 'Data pribadi akun ini telah dihapus; berkas tidak dapat disimpan.',
    en: "This account's personal data was erased; files cannot be stored.",
  },
  'DOCUMENT.NOT_FOUND': { id: 'Dokumen tidak ditemukan.', en: 'The document was not found.' },
  'DOCUMENT.ERASED': {
    id: 'Dokumen ini telah dihapus bersama data pribadi pemiliknya.',
    en: "This document was erased together with its owner's personal data.",
  },
};

/**
 * Per-field messages for form problems, by JSON Schema keyword. A keyword without an entry falls
 * back to FORM.invalid, which quotes the validator's own (English) message.
 */
export const formMessages: Messages = {
  'FORM.required': { id: 'Wajib diisi.', en: 'This field is required.' },
  'FORM.type': { id: 'Jenis isian salah; harus {typeId}.', en: 'Wrong kind of value; must be {type}.' },
  'FORM.enum': { id: 'Pilih salah satu dari: {allowedValues}.', en: 'Choose one of: {allowedValues}.' },
  'FORM.const': { id: 'Nilai harus {allowedValue}.', en: 'The value must be {allowedValue}.' },
  'FORM.minLength': { id: 'Minimal {limit} karakter.', en: 'At least {limit} characters.' },
  'FORM.maxLength': { id: 'Maksimal {limit} karakter.', en: 'At most {limit} characters.' },
  'FORM.minimum': { id: 'Nilai minimal {limit}.', en: 'Must be at least {limit}.' },
  'FORM.maximum': { id: 'Nilai maksimal {limit}.', en: 'Must be at most {limit}.' },
  'FORM.exclusiveMinimum': { id: 'Nilai harus lebih dari {limit}.', en: 'Must be more than {limit}.' },
  'FORM.exclusiveMaximum': { id: 'Nilai harus kurang dari {limit}.', en: 'Must be less than {limit}.' },
  'FORM.pattern': { id: 'Format isian tidak sesuai.', en: 'The value does not have the expected format.' },
  'FORM.format': { id: 'Format isian harus {format}.', en: 'The value must be a valid {format}.' },
  'FORM.additionalProperties': { id: 'Kolom ini tidak dikenal pada formulir.', en: 'This field is not part of the form.' },
  'FORM.minItems': { id: 'Minimal {limit} butir.', en: 'At least {limit} items.' },
  'FORM.maxItems': { id: 'Maksimal {limit} butir.', en: 'At most {limit} items.' },
  'FORM.uniqueItems': { id: 'Butir tidak boleh berulang.', en: 'Items must not repeat.' },
  'FORM.json': { id: 'Isian formulir harus berupa teks JSON yang sah.', en: 'The form data must be valid JSON text.' },
  'FORM.tooLarge': { id: 'Isian terlalu panjang (maksimal {limit} karakter).', en: 'The value is too long (at most {limit} characters).' },
  'FORM.tooMany': { id: 'Terlalu banyak butir (maksimal {limit}).', en: 'Too many items (at most {limit}).' },
  'FORM.documentRequired': { id: 'Dokumen ini wajib diunggah.', en: 'This document is required.' },
  'FORM.documentRequirementUnknown': {
    id: 'Layanan ini tidak meminta dokumen {requirement}.',
    en: 'This service does not ask for a {requirement} document.',
  },
  'FORM.documentDuplicate': { id: 'Cukup satu dokumen untuk persyaratan ini.', en: 'One document per requirement.' },
  'FORM.documentNotFound': { id: 'Unggahan tidak ditemukan; unggah ulang dokumennya.', en: 'Upload not found; upload the document again.' },
  'FORM.documentType': { id: 'Jenis berkas tidak diterima; gunakan {allowed}.', en: 'File type not accepted; use {allowed}.' },
  'FORM.documentTooLarge': { id: 'Berkas terlalu besar (maksimal {limit}).', en: 'The file is too large (at most {limit}).' },
  'FORM.invalid': { id: 'Isian tidak valid ({message}).', en: 'The value is not valid: {message}.' },
};
