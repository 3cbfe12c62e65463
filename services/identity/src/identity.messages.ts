import type { Messages } from '@serang/platform';

export const identityMessages: Messages = {
  'IDENTITY.INVALID_INPUT': {
    id: 'Ada isian yang belum benar; periksa kolom yang ditandai.',
    en: 'Some of what you entered is not valid; check the marked fields.',
  },
  'IDENTITY.NIK_FORMAT': { id: 'NIK harus terdiri dari 16 angka.', en: 'The NIK must be exactly 16 digits.' },
  'IDENTITY.NIK_INVALID': {
    id: 'NIK tidak valid: kode wilayah atau tanggal lahir di dalamnya tidak sesuai.',
    en: 'The NIK is not valid: its region code or birth date does not add up.',
  },
  'IDENTITY.NAME_INVALID': { id: 'Nama wajib diisi, paling banyak 100 karakter.', en: 'Enter your name, at most 100 characters.' },
  'IDENTITY.EMAIL_INVALID': { id: 'Alamat e-mail tidak valid.', en: 'The e-mail address is not valid.' },
  'IDENTITY.PHONE_INVALID': {
    id: 'Nomor telepon tidak valid; gunakan nomor Indonesia, misalnya 0812 3456 7890.',
    en: 'The phone number is not valid; use an Indonesian number such as 0812 3456 7890.',
  },
  'IDENTITY.PASSWORD_WEAK': {
    id: 'Kata sandi minimal 10 karakter dan harus berisi huruf dan angka.',
    en: 'The password must be at least 10 characters long and contain both letters and digits.',
  },
  'IDENTITY.PASSWORD_TOO_LONG': { id: 'Kata sandi paling banyak 128 karakter.', en: 'The password can be at most 128 characters long.' },
  'IDENTITY.ALREADY_REGISTERED': {
    id: 'NIK atau alamat e-mail ini sudah terdaftar. Silakan masuk dengan akun tersebut.',
    en: 'This NIK or e-mail address is already registered. Please sign in with that account.',
  },
  'IDENTITY.INVALID_CREDENTIALS': { id: 'E-mail/NIK atau kata sandi salah.', en: 'The e-mail/NIK or password is incorrect.' },
  'IDENTITY.PERSON_NOT_FOUND': { id: 'Akun tidak ditemukan.', en: 'The account was not found.' },
  'IDENTITY.INVALID_STAFF_ROLES': { id: 'Peran akun petugas tidak sesuai.', en: 'The staff roles do not fit together.' },
  'IDENTITY.CURRENT_PASSWORD_WRONG': { id: 'Kata sandi saat ini salah.', en: 'The current password is incorrect.' },
  'IDENTITY.REFRESH_TOKEN_INVALID': {
    id: 'Sesi tidak dikenal atau sudah kedaluwarsa; silakan masuk lagi.',
    en: 'The session is unknown or has expired; please sign in again.',
  },
  'IDENTITY.REFRESH_TOKEN_REUSED': {
    id: 'Token penyegaran ini sudah pernah dipakai; demi keamanan semua sesi dari login ini diakhiri. Silakan masuk lagi.',
    en: 'This refresh token was already used; for your safety every session of this sign-in has been ended. Please sign in again.',
  },
  'AUTH.SESSION_REVOKED': { id: 'Sesi ini sudah diakhiri; silakan masuk lagi.', en: 'This session has been ended; please sign in again.' },
  'IDENTITY.LOGIN_THROTTLED': {
    id: 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.',
    en: 'Too many failed sign-in attempts. Try again in {minutes} min.',
  },
  'IDENTITY.NOT_ALLOWED': { id: 'Anda tidak berhak melakukan ini.', en: 'You are not allowed to do this.' },
  'IDENTITY.ID_INVALID': { id: 'Pengenal tidak valid.', en: 'The id is not valid.' },
  'IDENTITY.AGENCY_UNKNOWN': { id: 'Instansi tidak dikenal.', en: 'Unknown agency.' },
  'IDENTITY.EMAIL_TAKEN': {
    id: 'Alamat e-mail ini sudah dipakai oleh akun lain atau undangan yang masih berlaku.',
    en: 'This e-mail address already belongs to an account or a pending invitation.',
  },
  'IDENTITY.NAME_TAKEN': {
    id: 'Instansi ini sudah memiliki sistem atau aplikasi aktif dengan nama tersebut.',
    en: 'This agency already has a live system or application of that name.',
  },
  'IDENTITY.INVITATION_ALREADY_ACCEPTED': {
    id: 'Undangan ini sudah diterima; silakan masuk dengan e-mail dan kata sandi Anda.',
    en: 'This invitation has been accepted already; sign in with your e-mail and password.',
  },
  'IDENTITY.INVITATION_INVALID': {
    id: 'Tautan undangan tidak berlaku: sudah dipakai, dibatalkan, atau kedaluwarsa. Mintalah undangan baru kepada admin.',
    en: 'The invitation link is not valid: it was used, withdrawn or has expired. Ask your admin for a new invitation.',
  },
  'IDENTITY.INVITATION_NOT_PENDING': { id: 'Undangan ini sudah diterima atau dibatalkan.', en: 'This invitation was already accepted or withdrawn.' },
  'IDENTITY.CLIENT_CREDENTIALS_INVALID': { id: 'Client ID atau client secret salah.', en: 'The client id or client secret is incorrect.' },
  'IDENTITY.AGENCY_SYSTEM_NOT_FOUND': { id: 'Sistem instansi tidak ditemukan.', en: 'The agency system was not found.' },
  'IDENTITY.SYSTEM_NAME_INVALID': { id: 'Nama sistem 2 sampai 100 karakter.', en: 'The system name must be 2 to 100 characters.' },
  'IDENTITY.PERSON_NOT_ACTIVE': { id: 'Akun ini tidak aktif.', en: 'This account is not active.' },
  'IDENTITY.ADDRESS_INVALID': { id: 'Alamat 5 sampai 300 karakter.', en: 'The address must be 5 to 300 characters.' },
  'IDENTITY.BIRTH_DATE_INVALID': { id: 'Tanggal lahir tidak valid (format TTTT-BB-HH).', en: 'The birth date is not valid (format YYYY-MM-DD).' },
  'IDENTITY.REVEAL_REASON_TOO_SHORT': {
    id: 'Tuliskan alasan membuka data pribadi (minimal 10 karakter).',
    en: 'State why you open the personal data (at least 10 characters).',
  },
  'IDENTITY.REVEAL_REASON_TOO_LONG': { id: 'Alasan paling banyak 500 karakter.', en: 'The reason can be at most 500 characters.' },
  'IDENTITY.CONCURRENT_CHANGE': {
    id: 'Data berubah pada saat yang sama; muat ulang dan coba lagi.',
    en: 'The data changed at the same moment; reload and try again.',
  },
};
