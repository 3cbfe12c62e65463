import type { Messages } from '@serang/platform';

/** Single sign-on's catalogue: GraphQL errors of client registration and the sign-in pages' text. */
export const oidcMessages: Messages = {
  'IDENTITY.OIDC_CLIENT_NOT_FOUND': { id: 'Aplikasi instansi tidak ditemukan.', en: 'The agency app was not found.' },
  'IDENTITY.OIDC_CLIENT_EXISTS': { id: 'Aplikasi instansi ini sudah terdaftar.', en: 'This agency app is already registered.' },
  'IDENTITY.OIDC_AGENCY_INVALID': {
    id: 'Kode instansi tidak valid (huruf kecil, angka dan tanda hubung).',
    en: 'The agency id is not valid (lower-case letters, digits and hyphens).',
  },
  'IDENTITY.OIDC_CLIENT_NAME_INVALID': {
    id: 'Nama aplikasi wajib diisi, paling banyak 100 karakter.',
    en: 'Enter the app name, at most 100 characters.',
  },
  'IDENTITY.OIDC_REDIRECT_URI_INVALID': {
    id: 'Alamat pengalihan harus https (http hanya untuk 127.0.0.1/localhost), tanpa # dan tanpa *; 1 sampai 10 alamat.',
    en: 'Redirect URIs must be https (http only for 127.0.0.1/localhost), without # or *; 1 to 10 of them.',
  },
  'IDENTITY.OIDC_REDIRECT_URIS_ONE_HOST': {
    id: 'Semua alamat pengalihan satu aplikasi harus berada di host yang sama; daftarkan aplikasi lain untuk host lain.',
    en: 'All redirect URIs of one app must be on the same host; register another app for another host.',
  },
  'IDENTITY.OIDC_SCOPES_INVALID': {
    id: 'Cakupan harus berisi openid, dan hanya openid, profile, email, phone.',
    en: 'Scopes must include openid, and only openid, profile, email, phone.',
  },
  'IDENTITY.OIDC_AUTH_METHOD_INVALID': { id: 'Metode autentikasi klien tidak didukung.', en: 'The client authentication method is not supported.' },
  'IDENTITY.OIDC_CITIZENS_ONLY': {
    id: 'Hanya akun warga yang dapat masuk ke aplikasi instansi. Akun petugas tidak dapat digunakan di sini.',
    en: 'Only citizen accounts can sign in to agency apps. Staff accounts cannot be used here.',
  },
  'OIDC.PAGE.LOGIN_TITLE': { id: 'Masuk dengan akun Serang Tatu', en: 'Sign in with your Serang Tatu account' },
  'OIDC.PAGE.LOGIN_LEAD': { id: '{client} ({agency}) meminta Anda masuk.', en: '{client} ({agency}) asks you to sign in.' },
  'OIDC.PAGE.LOGIN_FIELD': { id: 'E-mail atau NIK', en: 'E-mail or NIK' },
  'OIDC.PAGE.PASSWORD_FIELD': { id: 'Kata sandi', en: 'Password' },
  'OIDC.PAGE.SIGN_IN': { id: 'Masuk', en: 'Sign in' },
  'OIDC.PAGE.CANCEL': { id: 'Batal', en: 'Cancel' },
  'OIDC.PAGE.CONSENT_TITLE': { id: 'Izinkan akses ke data Anda?', en: 'Allow access to your data?' },
  'OIDC.PAGE.CONSENT_LEAD': {
    id: '{client} ({agency}) meminta data berikut dari akun Anda:',
    en: '{client} ({agency}) asks for the following from your account:',
  },
  'OIDC.PAGE.CLAIM_SUB': {
    id: 'Pengenal akun Anda khusus untuk instansi ini (bukan NIK Anda) — selalu diberikan',
    en: 'An identifier of your account for this agency only (not your NIK) — always given',
  },
  'OIDC.PAGE.CLAIM_NAME': { id: 'Nama lengkap', en: 'Full name' },
  'OIDC.PAGE.CLAIM_EMAIL': { id: 'Alamat e-mail', en: 'E-mail address' },
  'OIDC.PAGE.CLAIM_PHONE': { id: 'Nomor telepon', en: 'Phone number' },
  'OIDC.PAGE.CONSENT_NOTE': {
    id: 'Setiap kali aplikasi ini membaca data Anda, hal itu dicatat. Hapus centang untuk data yang tidak ingin Anda berikan.',
    en: 'Every time this app reads your data, it is recorded. Untick what you do not want to give.',
  },
  'OIDC.PAGE.ALLOW': { id: 'Izinkan', en: 'Allow' },
  'OIDC.PAGE.DENY': { id: 'Tolak', en: 'Deny' },
  'OIDC.PAGE.ERROR_TITLE': { id: 'Permintaan masuk tidak dapat diproses', en: 'The sign-in request cannot be processed' },
  'OIDC.PAGE.ERROR_LEAD': {
    id: 'Kembali ke aplikasi instansi dan coba lagi. Jika masalah berlanjut, hubungi pengelola aplikasi tersebut.',
    en: 'Go back to the agency app and try again. If the problem persists, contact that app’s administrator.',
  },
  'OIDC.PAGE.EXPIRED': {
    id: 'Sesi masuk ini sudah berakhir atau tidak dikenal. Kembali ke aplikasi instansi dan mulai lagi.',
    en: 'This sign-in session has ended or is unknown. Go back to the agency app and start again.',
  },
};
